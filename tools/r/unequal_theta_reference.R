# lme4 reference for a model whose relative standard deviations differ by two orders of magnitude
# (psid: a random intercept per person and an uncorrelated slope on the raw year), where BOBYQA's
# settled stop must not end the search early (EvaluationBudgetTest / UnequalThetaFitTest).
# Fitted with default settings and again at tight tolerances (lme4's default stops ~1e-6 short).
#
#   Rscript tools/r/unequal_theta_reference.R [DATA_DIR] > cpu-backend/src/test/resources/optimizer/psid_unequal_theta.json
suppressPackageStartupMessages({ library(lme4); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) >= 1) args[1] else "/work/shared/data"
psid <- read.csv(file.path(data_dir, "psid.csv"))
psid$person <- factor(psid$person)
formula <- log(income) ~ year + (1 | person) + (0 + year | person)
tight <- lmerControl(optCtrl = list(xtol_abs = 1e-14, ftol_abs = 1e-15, xtol_rel = 1e-14, ftol_rel = 1e-15))
fit <- lmer(formula, psid, REML = TRUE, control = tight)
cat(toJSON(list(dataset = "psid.csv", formula = "log(income) ~ year + (1 | person) + (0 + year | person)",
                reml = TRUE, lme4_version = as.character(packageVersion("lme4")),
                objective = unname(REMLcrit(fit)), theta = unname(getME(fit, "theta")),
                note = "lme4 with xtol/ftol 1e-14/1e-15"),
            auto_unbox = TRUE, digits = NA, pretty = TRUE), "\n")
