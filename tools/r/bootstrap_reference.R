# Reference numbers for jmixed's simulation-based inference (issue 11): pbkrtest::PBmodcomp,
# RLRsim::exactRLRT and lme4::bootMer, on the shared data sets. Writes
# inference/src/test/resources/bootstrap_reference.json; the test suite never runs R.
#
#   Rscript tools/r/bootstrap_reference.R [DATA_DIR] [OUT.json]
#
# Monte-Carlo quantities carry their simulation size so that the tests can set their
# tolerances from it. Timing of bootMer (for the README's speed comparison) is printed, not stored.
suppressPackageStartupMessages({
  library(lme4)
  library(pbkrtest)
  library(RLRsim)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) >= 1) args[1] else "/work/shared/data"
out_file <- if (length(args) >= 2) args[2] else "inference/src/test/resources/bootstrap_reference.json"
read <- function(name) read.csv(file.path(data_dir, paste0(name, ".csv")), stringsAsFactors = TRUE)

pulp <- read("pulp")
dyestuff <- read("Dyestuff")
sleep <- read("sleepstudy")
sleep$Subject <- factor(sleep$Subject)

out <- list(generated_by = "tools/r/bootstrap_reference.R",
            r_version = R.version.string,
            lme4 = as.character(packageVersion("lme4")),
            pbkrtest = as.character(packageVersion("pbkrtest")),
            RLRsim = as.character(packageVersion("RLRsim")))

# --- PBmodcomp: pulp, operator term against none -------------------------------------------
# PBmodcomp's reference distribution (pbkrtest's get_refdist: simulate from the small model,
# refit both by ML, 2 (logLik_large - logLik_small)) written out, because PBmodcomp wants a
# merMod as the small model and the small model here is an ordinary linear model.
B_pb <- 2000
large <- lmer(bright ~ 1 + (1 | operator), pulp, REML = FALSE)
small <- lm(bright ~ 1, pulp)
lrt <- as.numeric(2 * (logLik(large) - logLik(small)))
set.seed(20261129)
ref <- replicate(B_pb, {
  y <- simulate(small)[[1]]
  s2 <- lm(y ~ 1, data = pulp)
  l2 <- suppressMessages(refit(large, newresp = y))
  as.numeric(2 * (logLik(l2, REML = FALSE) - logLik(s2, REML = FALSE)))
})
out$pbmodcomp_pulp <- list(
  large = "bright ~ 1 + (1 | operator)", small = "bright ~ 1", nsim = B_pb,
  lrt = lrt,
  # pbkrtest's definition: (1 + #{LRT* > LRT}) / (1 + #{LRT* > 0})
  p_pbkrtest = (1 + sum(ref > lrt)) / (1 + sum(ref > 0)),
  # the same with LRT* counted as positive only above 1e-8: at the boundary (a zero operator
  # variance) LRT* is 0 up to rounding, and rounding makes about half of those "positive" above
  # (jmixed counts with this tolerance, so compare it with these two)
  p_pbkrtest_tol = (1 + sum(ref > lrt)) / (1 + sum(ref > 1e-8)),
  share_positive_tol = mean(ref > 1e-8),
  # the plain one: (1 + #{LRT* >= LRT}) / (1 + B)
  p_plain = (1 + sum(ref >= lrt)) / (1 + B_pb),
  share_positive = mean(ref > 0),
  ref_mean = mean(ref), ref_q90 = unname(quantile(ref, 0.9)))


# --- exactRLRT: one variance component ------------------------------------------------------
rlrt <- function(formula, data, label, seed) {
  m <- lmer(formula, data, REML = TRUE)
  r <- exactRLRT(m, nsim = 1e5, seed = seed)
  list(formula = deparse(formula), label = label, nsim = 1e5,
       statistic = unname(r$statistic), p = r$p.value,
       sample_mean = mean(r$sample), sample_q90 = unname(quantile(r$sample, 0.9)),
       share_zero = mean(r$sample == 0))
}
out$exact_rlrt <- list(
  rlrt(bright ~ 1 + (1 | operator), pulp, "pulp", 1),
  rlrt(Yield ~ 1 + (1 | Batch), dyestuff, "Dyestuff", 2),
  # A random slope alone, on the first three days (rows with Days <= 2), where the test is not
  # decided by a mile.
  rlrt(Reaction ~ Days + (0 + Days | Subject), sleep[sleep$Days <= 2, ], "sleepstudy Days <= 2 slope", 3))

# --- bootMer: sleepstudy, REML, unconditional ------------------------------------------------
B_boot <- 1000
fm <- lmer(Reaction ~ Days + (Days | Subject), sleep)
stat <- function(m) c(getME(m, "theta"), sigma = sigma(m), fixef(m))
t0 <- proc.time()[["elapsed"]]
bm <- bootMer(fm, stat, nsim = B_boot, seed = 4711, use.u = FALSE, type = "parametric")
elapsed <- proc.time()[["elapsed"]] - t0
names_t <- names(bm$t0)
out$bootmer_sleepstudy <- list(
  formula = "Reaction ~ Days + (Days | Subject)", reml = TRUE, nsim = B_boot,
  names = names_t, original = unname(bm$t0),
  mean = unname(colMeans(bm$t)), sd = unname(apply(bm$t, 2, sd)),
  q025 = unname(apply(bm$t, 2, quantile, 0.025)), q975 = unname(apply(bm$t, 2, quantile, 0.975)),
  seconds = elapsed)
cat(sprintf("bootMer sleepstudy B=%d: %.2f s, %.2f ms per replicate\n", B_boot, elapsed, 1000 * elapsed / B_boot))

writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), out_file)
cat("wrote", out_file, "\n")
