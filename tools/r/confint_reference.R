# Reference confidence intervals from lme4's confint() (profile and Wald), written as JSON
# fixtures for the inference module's tests. The tests never run R.
# Usage: Rscript tools/r/confint_reference.R DATADIR OUTDIR
#   DATADIR: the CSV files (../shared/data); OUTDIR: inference/src/test/resources/confint
# Needs Debian's r-base-core, r-cran-lme4 and r-cran-jsonlite.
suppressMessages({library(lme4); library(jsonlite)})
args <- commandArgs(TRUE); datadir <- args[1]; out <- args[2]
dir.create(out, recursive = TRUE, showWarnings = FALSE)

# Read a CSV as jmixed does: quoted columns (write.csv's factors) stay categorical.
read_data <- function(name) read.csv(file.path(datadir, paste0(name, ".csv")), stringsAsFactors = TRUE)

num_or_null <- function(v) lapply(unname(v), function(x) if (is.na(x)) NULL else x)

# lme4's own ζ at the ends confint() reports, for the variance parameters: the ML deviance
# (lme4's devfun2) minimized over the other parameters with a tight BOBYQA from the ML optimum.
# lme4 reads its ends off a spline through profile points; where that spline is poor, ζ at its end
# is not ±z, and the tests know lme4's end is off (and on which side).
zeta_at_ends <- function(ml, ci) {
  dd <- lme4:::devfun2(ml, useSc = TRUE, signames = TRUE)
  opt <- attr(dd, "optimum"); base <- attr(dd, "basedev")
  np <- length(getME(ml, "theta")) + 1
  lo <- c(pmax(ml@lower, -1), 0); hi <- c(ifelse(ml@lower == 0, Inf, 1), Inf)
  zeta <- function(w, x) {
    if (is.na(x) || x <= lo[w] || x >= hi[w]) return(NA)
    f <- function(p) { q <- numeric(np); q[w] <- x; q[-w] <- p; dd(q) }
    start <- pmin(pmax(opt[1:np][-w], lo[-w]), hi[-w])
    fval <- if (length(start) == 1) {
      upper <- if (is.finite(hi[-w])) hi[-w] else 10 * max(start, opt[np])
      optimize(f, c(lo[-w], upper), tol = 1e-10)$objective
    } else {
      minqa::bobyqa(start, f, lower = lo[-w], upper = hi[-w],
                    control = list(rhobeg = 0.1 * max(0.1, min(abs(start[start != 0]), 1)), rhoend = 1e-9,
                                   maxfun = 1e5))$fval
    }
    sign(x - opt[w]) * sqrt(max(0, fval - base))
  }
  out <- matrix(NA_real_, nrow(ci), 2)
  for (w in seq_len(np)) for (k in 1:2) out[w, k] <- zeta(w, ci[w, k])
  out
}

ref <- function(id, dataset, formula, REML = TRUE, level = 0.95) {
  d <- read_data(dataset)
  m <- lmer(as.formula(formula), data = d, REML = REML)
  # lme4's default stopping rule halts where θ is known to about 1e-5 (1e-4 on a flat ridge, as
  # Orthodont's), so its standard errors are known to about that too: too coarse for Wald ends to
  # 1e-6. The Wald ends come from a refit at tight tolerances (BOBYQA, rhoend 1e-12) when that is
  # no worse. The profile is lme4's from the default fit, as users get it (profile() reuses the
  # fit's optimizer settings).
  crit <- function(x) if (REML) REMLcrit(x) else deviance(x)
  tight <- update(m, control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5)),
                  start = getME(m, "theta"))
  refit <- crit(tight) <= crit(m) + 1e-12 * abs(crit(m))
  mw <- if (refit) tight else m
  warns <- character(0)
  t <- system.time(ci <- withCallingHandlers(
    confint(m, method = "profile", level = level, quiet = TRUE),
    warning = function(w) { warns <<- c(warns, conditionMessage(w)); invokeRestart("muffleWarning") }))[["elapsed"]]
  wald <- confint(mw, method = "Wald", level = level)
  # The ML estimates, and the base deviance of the ζ check, from the tight fit: where lme4's default
  # stop is short of the optimum, its profile's base deviance is too high.
  ml <- if (REML) refitML(mw) else mw
  est <- c(lme4:::Cv_to_Sv(getME(ml, "theta"), n = lengths(ml@cnms), s = sigma(ml)), fixef(ml))
  check <- zeta_at_ends(ml, ci)
  res <- list(id = id, dataset = paste0(dataset, ".csv"), formula = formula, reml = REML, level = level,
              lme4_version = as.character(packageVersion("lme4")),
              wald_from_tight_refit = refit,
              names = rownames(ci),
              profile = list(estimate = unname(est), lower = num_or_null(ci[, 1]), upper = num_or_null(ci[, 2]),
                             warnings = I(unique(warns)), seconds = t,
                             zeta_at_lower = num_or_null(check[, 1]), zeta_at_upper = num_or_null(check[, 2])),
              wald = list(lower = num_or_null(wald[, 1]), upper = num_or_null(wald[, 2])))
  writeLines(toJSON(res, auto_unbox = TRUE, digits = NA, pretty = TRUE, null = "null"),
             file.path(out, paste0(id, ".json")))
  cat(id, "done in", t, "s", if (length(warns)) paste("warnings:", paste(unique(warns), collapse = "; ")), "\n")
}

ref("sleepstudy_reml", "sleepstudy", "Reaction ~ Days + (Days | Subject)", REML = TRUE)
ref("sleepstudy_ml", "sleepstudy", "Reaction ~ Days + (Days | Subject)", REML = FALSE)
ref("sleepstudy_uncorr_90", "sleepstudy", "Reaction ~ Days + (Days || Subject)", REML = TRUE, level = 0.90)
ref("dyestuff_reml", "Dyestuff", "Yield ~ 1 + (1 | Batch)", REML = TRUE)
ref("dyestuff2_singular", "Dyestuff2", "Yield ~ 1 + (1 | Batch)", REML = TRUE)
ref("penicillin_crossed", "Penicillin", "diameter ~ 1 + (1 | plate) + (1 | sample)", REML = TRUE)
ref("pastes_nested", "Pastes", "strength ~ 1 + (1 | batch/cask)", REML = TRUE)
ref("pulp_reml", "pulp", "bright ~ 1 + (1 | operator)", REML = TRUE)
ref("orthodont_slopes", "Orthodont", "distance ~ age * Sex + (age | Subject)", REML = TRUE)
# Further designs: three nested levels, a split plot, a treatment factor with a random block,
# and random slopes with a transformed response and centred covariate.
ref("eggs_nested3", "eggs", "Fat ~ 1 + (1 | Lab/Technician/Sample)", REML = TRUE)
ref("irrigation_splitplot", "irrigation", "yield ~ irrigation * variety + (1 | field)", REML = TRUE)
ref("cake_block", "cake", "angle ~ recipe + temp + (1 | recipe:replicate)", REML = TRUE)
ref("psid_slopes_ml", "psid", "log(income + 100) ~ I(year - 78) * sex + (I(year - 78) | person)", REML = FALSE)
# A 3 × 3 term: lme4's profiles of its correlations are rough (its ML fit stops short, and it
# warns about two of them); ζ at lme4's ends tells by how much.
ref("sleepstudy_quadratic_ml", "sleepstudy", "Reaction ~ Days + (Days + I(Days^2) | Subject)", REML = FALSE)
