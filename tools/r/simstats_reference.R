# Reference numbers for jmixed's per-group fits (lmList), method-of-moments variance components
# (aov mean squares) and the Gibbs sampler (a long run of an independent, blocked sampler).
# Run from the repository root:  Rscript tools/r/simstats_reference.R [DATA_DIR]
# Writes inference/src/test/resources/simstats/*.json (and the small CSV files the tests need).
suppressPackageStartupMessages({ library(lme4); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) > 0) args[1] else "/work/shared/data"
out_dir <- "inference/src/test/resources/simstats"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
rd <- function(f) read.csv(file.path(data_dir, f))
save <- function(x, f) write_json(x, file.path(out_dir, f), digits = NA, auto_unbox = TRUE, pretty = TRUE,
                                  na = "null")

## ---- lmList ------------------------------------------------------------------------------
lmlist_ref <- function(formula, data, file, csv) {
  ml <- lmList(formula, data)               # pool = TRUE by default
  s <- summary(ml)                          # coefficients with SEs from the pooled sigma
  groups <- names(ml)
  per <- lapply(groups, function(g) {
    m <- ml[[g]]
    if (is.null(m)) return(list(group = g, failed = TRUE))
    sm <- summary(m)
    se <- rep(NA_real_, length(coef(m)))
    names(se) <- names(coef(m))
    se[rownames(sm$coefficients)] <- sm$coefficients[, 2]
    list(group = g, n = length(m$residuals), coef = unname(coef(m)), se = unname(se),
         sigma = if (m$df.residual > 0) sm$sigma else NA_real_, df = m$df.residual)
  })
  pooled_se <- unname(s$coefficients[, 2, ])   # groups × coefficients
  save(list(formula = deparse(formula), data = csv, coefficient_names = colnames(coef(ml)),
            groups = per, pooled_sigma = s$RSE, pooled_df = attr(lme4:::pooledSD(ml), "df"),
            pooled_se = pooled_se), file)
}
psid <- rd("psid.csv")
lmlist_ref(log(income) ~ I(year - 78) | person, psid, "lmlist_psid.json", "psid.csv")
sleep <- rd("sleepstudy.csv")
lmlist_ref(Reaction ~ Days | Subject, sleep, "lmlist_sleepstudy.json", "sleepstudy.csv")
# groups too small for the fit: subject 308 keeps one row, 309 two, 310 has a constant Days
edge <- sleep
edge <- edge[!(edge$Subject == 308 & edge$Days > 0), ]
edge <- edge[!(edge$Subject == 309 & edge$Days > 1), ]
edge$Days[edge$Subject == 310] <- 4
write.csv(edge, file.path(out_dir, "sleepstudy_edge.csv"), row.names = FALSE)
lmlist_ref(Reaction ~ Days | Subject, edge, "lmlist_edge.json", "sleepstudy_edge.csv")
# a non-finite response: log(0) = -Inf makes lm fail for subject 308 (lmList keeps it, all NA);
# log(-5) = NaN is dropped as NA (subject 309 keeps 9 rows); a missing Days drops a row of 310
nf <- sleep
nf$Reaction[nf$Subject == 308 & nf$Days == 3] <- 0
nf$Reaction[nf$Subject == 309 & nf$Days == 2] <- -5
nf$Days[nf$Subject == 310 & nf$Days == 9] <- NA
write.csv(nf, file.path(out_dir, "sleepstudy_nonfinite.csv"), row.names = FALSE)
lmlist_ref(log(Reaction) ~ Days | Subject, nf, "lmlist_nonfinite.json", "sleepstudy_nonfinite.csv")

## ---- ANOVA mean squares ----------------------------------------------------------------
ms_table <- function(fit) {
  t <- summary(fit)
  tabs <- if (inherits(fit, "aovlist")) t else list(t)
  rows <- list()
  for (tab in tabs) {
    tb <- tab[[1]]
    for (i in seq_len(nrow(tb))) rows[[length(rows) + 1]] <- list(source = trimws(rownames(tb)[i]),
        df = tb$Df[i], ss = tb$`Sum Sq`[i], ms = tb$`Mean Sq`[i])
  }
  rows
}
vc <- function(m) { v <- as.data.frame(VarCorr(m)); setNames(as.list(v$vcov), v$grp) }
pulp <- rd("pulp.csv")
save(list(data = "pulp.csv", formula = "bright ~ 1 + (1 | operator)", aov = ms_table(aov(bright ~ operator, pulp)),
          lmer_reml = vc(lmer(bright ~ 1 + (1 | operator), pulp))), "moments_pulp.json")
dy2 <- rd("Dyestuff2.csv")
save(list(data = "Dyestuff2.csv", formula = "Yield ~ 1 + (1 | Batch)", aov = ms_table(aov(Yield ~ Batch, dy2))),
     "moments_dyestuff2.json")
dy <- rd("Dyestuff.csv")
dyu <- dy[-c(2, 3, 7, 20), ]   # unbalanced one-way: 5, 3, 4, 5, 5, 5 ... per batch
write.csv(dyu, file.path(out_dir, "dyestuff_unbalanced.csv"), row.names = FALSE)
a <- aov(Yield ~ Batch, dyu); st <- ms_table(a)
ni <- table(dyu$Batch); N <- sum(ni); n0 <- (N - sum(ni^2) / N) / (length(ni) - 1)
save(list(data = "dyestuff_unbalanced.csv", formula = "Yield ~ 1 + (1 | Batch)", aov = st, n0 = n0,
          sigma2_batch = (st[[1]]$ms - st[[2]]$ms) / n0), "moments_dyestuff_unbalanced.json")
pen <- rd("Penicillin.csv")
save(list(data = "Penicillin.csv", formula = "diameter ~ 1 + (1 | plate) + (1 | sample)",
          aov = ms_table(aov(diameter ~ plate + sample, pen)),
          lmer_reml = vc(lmer(diameter ~ 1 + (1 | plate) + (1 | sample), pen))), "moments_penicillin.json")
eggs <- rd("eggs.csv")
save(list(data = "eggs.csv", formula = "Fat ~ 1 + (1 | Lab/Technician/Sample)",
          aov = ms_table(aov(Fat ~ Lab / Technician / Sample, eggs)),
          lmer_reml = vc(lmer(Fat ~ 1 + (1 | Lab/Technician/Sample), eggs))), "moments_eggs.json")
# a balanced two-way crossed design with interaction and replication (5 × 4 cells, 3 per cell)
set.seed(11)
cr <- expand.grid(rep = 1:3, b = paste0("b", 1:4), a = paste0("a", 1:5))
ea <- rnorm(5, sd = 2); eb <- rnorm(4, sd = 1.5); eab <- matrix(rnorm(20, sd = 1), 5, 4)
ia <- as.integer(factor(cr$a)); ib <- as.integer(factor(cr$b))
cr$y <- round(10 + ea[ia] + eb[ib] + eab[cbind(ia, ib)] + rnorm(nrow(cr), sd = 0.8), 4)
cr <- cr[, c("y", "a", "b")]
write.csv(cr, file.path(out_dir, "crossed_interaction.csv"), row.names = FALSE)
save(list(data = "crossed_interaction.csv", formula = "y ~ 1 + (1 | a) + (1 | b) + (1 | a:b)",
          aov = ms_table(aov(y ~ a * b, cr)),
          lmer_reml = vc(lmer(y ~ 1 + (1 | a) + (1 | b) + (1 | a:b), cr))), "moments_crossed_interaction.json")

## ---- Gibbs reference: a blocked sampler, (beta, b) drawn jointly ----------------------------
# Model: y = X beta + Z b + e, b ~ N(0, s2b I), e ~ N(0, s2e I), beta ~ N(0, v_beta I),
# s2b ~ InvGamma(ab, bb), s2e ~ InvGamma(ae, be) (shape, scale).
blocked_gibbs <- function(y, X, g, v_beta, ab, bb, ae, be, iter, burn, seed) {
  set.seed(seed)
  g <- factor(g); q <- nlevels(g); Z <- model.matrix(~ 0 + g); C <- cbind(X, Z)
  p <- ncol(X); CtC <- crossprod(C); Cty <- crossprod(C, y); n <- length(y)
  s2b <- var(y) / 2; s2e <- var(y) / 2
  out <- matrix(NA_real_, iter - burn, p + 2)
  for (it in 1:iter) {
    Q <- CtC / s2e + diag(c(rep(1 / v_beta, p), rep(1 / s2b, q)))
    R <- chol(Q)
    m <- backsolve(R, forwardsolve(t(R), Cty / s2e))
    th <- m + backsolve(R, rnorm(p + q))
    beta <- th[1:p]; b <- th[(p + 1):(p + q)]
    s2b <- 1 / rgamma(1, ab + q / 2, rate = bb + sum(b^2) / 2)
    r <- y - C %*% th
    s2e <- 1 / rgamma(1, ae + n / 2, rate = be + sum(r^2) / 2)
    if (it > burn) out[it - burn, ] <- c(beta, s2b, s2e)
  }
  colnames(out) <- c(colnames(X), "sigma2_b", "sigma2_e")
  out
}
batch_se <- function(x, nb = 200) { k <- floor(length(x) / nb); m <- sapply(1:nb, function(i) mean(x[((i - 1) * k + 1):(i * k)])); sd(m) / sqrt(nb) }
gibbs_ref <- function(y, X, g, prior, iter, burn, seed, file, data, formula) {
  d <- do.call(blocked_gibbs, c(list(y = y, X = X, g = g), prior, list(iter = iter, burn = burn, seed = seed)))
  save(list(data = data, formula = formula, prior = prior, iterations = iter, burn_in = burn,
            names = colnames(d), mean = unname(colMeans(d)), sd = unname(apply(d, 2, sd)),
            mcse = unname(apply(d, 2, batch_se)),
            q025 = unname(apply(d, 2, quantile, 0.025)), q975 = unname(apply(d, 2, quantile, 0.975))), file)
}
X <- model.matrix(~ Days, sleep)
gibbs_ref(sleep$Reaction, X, sleep$Subject, list(v_beta = 1e10, ab = 0.001, bb = 0.001, ae = 0.001, be = 0.001),
          400000, 1000, 20261129, "gibbs_sleepstudy.json", "sleepstudy.csv", "Reaction ~ Days + (1 | Subject)")
gibbs_ref(pulp$bright, model.matrix(~ 1, pulp), pulp$operator, list(v_beta = 1e6, ab = 2, bb = 0.1, ae = 2, be = 0.1),
          400000, 1000, 7, "gibbs_pulp.json", "pulp.csv", "bright ~ 1 + (1 | operator)")
