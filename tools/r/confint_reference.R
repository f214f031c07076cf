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
  ml <- if (REML) refitML(m) else m
  est <- c(lme4:::Cv_to_Sv(getME(ml, "theta"), n = lengths(ml@cnms), s = sigma(ml)), fixef(ml))
  res <- list(id = id, dataset = paste0(dataset, ".csv"), formula = formula, reml = REML, level = level,
              lme4_version = as.character(packageVersion("lme4")),
              wald_from_tight_refit = refit,
              names = rownames(ci),
              profile = list(estimate = unname(est), lower = num_or_null(ci[, 1]), upper = num_or_null(ci[, 2]),
                             warnings = I(unique(warns)), seconds = t),
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
