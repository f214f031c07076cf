# Reference numbers for inference on models with prior weights, offsets, residual structures and
# structured random-effect covariances (issue 12's inference part): lme4 predict(), lmerTest
# (Satterthwaite), pbkrtest (Kenward-Roger), lme4 confint() (profile, Wald) and nlme intervals().
# Writes the derived data sets and JSON fixtures into inference/src/test/resources/structured/.
#
#   Rscript tools/r/structured_inference_reference.R [DATA_DIR] [OUT_DIR]
suppressPackageStartupMessages({
  library(lme4); library(lmerTest); library(pbkrtest); library(nlme); library(jsonlite)
})
args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) >= 1) args[1] else "/work/shared/data"
out_dir <- if (length(args) >= 2) args[2] else "inference/src/test/resources/structured"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
tight <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5))
put <- function(x, name) write_json(x, file.path(out_dir, paste0(name, ".json")), digits = NA,
                                    auto_unbox = TRUE, pretty = TRUE)

## derived data: sleepstudy with prior weights w and an offset column off (deterministic)
sleep <- read.csv(file.path(data_dir, "sleepstudy.csv"))
sleep$w <- 1 + (sleep$Days %% 4) / 2
sleep$off <- round(10 * sin(seq_len(nrow(sleep))), 3)
# the same model written without weights (see the end of this script): rows scaled by sqrt(w)
sleep$sw <- sqrt(sleep$w)
sleep$ys <- (sleep$Reaction - sleep$off) * sleep$sw
sleep$ds <- sleep$Days * sleep$sw
write.csv(sleep, file.path(out_dir, "sleepstudy_weighted.csv"), row.names = FALSE)
sleep$Subject <- factor(sleep$Subject)
## held-out: psid (income growth), weights = years of education, offset = log(age)
psid <- read.csv(file.path(data_dir, "psid.csv"))
psid$person <- factor(psid$person)

lmer_case <- function(name, dataset, formula, data, weights, reml, newdata = NULL, profile = TRUE) {
  f <- as.formula(formula)
  m <- if (is.null(weights)) lmerTest::lmer(f, data = data, REML = reml, control = tight)
       else lmerTest::lmer(f, data = data, REML = reml, weights = data[[weights]], control = tight)
  s <- summary(m)$coefficients
  out <- list(dataset = dataset, formula = formula, weights = weights, reml = reml,
              names = rownames(s), estimate = unname(s[, "Estimate"]), se = unname(s[, "Std. Error"]),
              satterthwaite_df = unname(s[, "df"]), sigma = sigma(m), deviance = -2 * as.numeric(logLik(m)))
  # the linear model without the random effects, same weights and offset (fit --lrtest's null model)
  lmfit <- if (is.null(weights)) lm(nobars(f), data = data) else lm(nobars(f), data = data, weights = data[[weights]])
  out$lm_logLik <- as.numeric(logLik(lmfit, REML = reml))
  if (reml) {
    kr <- summary(m, ddf = "Kenward-Roger")$coefficients
    out$kr_df <- unname(kr[, "df"]); out$kr_se <- unname(kr[, "Std. Error"])
  }
  a <- anova(m)
  out$anova <- list(terms = rownames(a), numdf = unname(a[, "NumDF"]), dendf = unname(a[, "DenDF"]),
                    F = unname(a[, "F value"]))
  w <- confint(m, method = "Wald", oldNames = FALSE)
  out$confint <- list(names = rownames(w), wald_lower = unname(w[, 1]), wald_upper = unname(w[, 2]))
  if (profile) {
    ci <- confint(m, method = "profile", oldNames = FALSE)
    out$confint$profile_lower <- unname(ci[, 1]); out$confint$profile_upper <- unname(ci[, 2])
  }
  if (!is.null(newdata)) {
    out$newdata <- newdata$file
    out$predict_conditional <- unname(predict(m, newdata = newdata$rows, allow.new.levels = TRUE))
    out$predict_population <- unname(predict(m, newdata = newdata$rows, re.form = NA))
  }
  put(out, name)
}

# new rows: two known subjects, one new subject; offsets and weights given
nd <- data.frame(Days = c(0, 3.5, 9, 2, 7), Subject = factor(c("308", "309", "372", "999", "999")),
                 off = c(1.5, -2, 0, 3, -4), w = c(1, 2, 1.5, 1, 2))
write.csv(nd, file.path(out_dir, "sleepstudy_new.csv"), row.names = FALSE)
lmer_case("sleepstudy_weights_offset", "sleepstudy_weighted.csv",
          "Reaction ~ Days + offset(off) + (Days | Subject)", sleep, "w", TRUE,
          list(file = "sleepstudy_new.csv", rows = nd))
lmer_case("sleepstudy_weights_ml", "sleepstudy_weighted.csv", "Reaction ~ Days + (1 | Subject)", sleep, "w", FALSE)
lmer_case("psid_weights_offset", "psid.csv", "log(income) ~ I(year - 78) * sex + offset(log(age)) + (1 | person)",
          psid, "educ", TRUE, profile = FALSE)

## nlme: t-based Wald intervals of the fixed effects (intervals(which = "fixed")), and
## lmerTest's Satterthwaite df of the equivalent random-intercept model (compound-symmetric
## residuals with positive correlation are the same model; Satterthwaite's df do not depend on
## how the variance parameters are written)
orth <- read.csv(file.path(data_dir, "Orthodont.csv"))
orth$Subject <- factor(orth$Subject)
nlme_case <- function(name, dataset, formula, residual, reml, fit) {
  iv <- if (inherits(fit, "gls")) intervals(fit, which = "coef")$coef else intervals(fit, which = "fixed")$fixed
  tt <- summary(fit)$tTable
  put(list(dataset = dataset, formula = formula, residual = residual, reml = reml, names = rownames(iv),
           lower = unname(iv[, 1]), estimate = unname(iv[, 2]), upper = unname(iv[, 3]),
           se = unname(tt[, "Std.Error"]), df = if ("DF" %in% colnames(tt)) unname(tt[, "DF"]) else rep(fit$dims$N - fit$dims$p, nrow(tt)), level = 0.95,
           deviance = -2 * as.numeric(logLik(fit))), name)
}
nlme_case("orthodont_ar1_lme", "Orthodont.csv", "distance ~ age * Sex + (1 | Subject)", "ar1(age | Subject)", TRUE,
          lme(distance ~ age * Sex, random = ~ 1 | Subject, data = orth, method = "REML",
              correlation = corAR1(form = ~ 1 | Subject)))
# gls by REML: for an ML gls, nlme scales the covariance of the coefficients by the REML-style
# sigma^2 (residuals' sum of squares over N - p), unlike lme4's and jmixed's ML fits
nlme_case("orthodont_un_gls", "Orthodont.csv", "distance ~ age * Sex", "un(age | Subject)", TRUE,
          gls(distance ~ age * Sex, data = orth, method = "REML",
              correlation = corSymm(form = ~ 1 | Subject), weights = varIdent(form = ~ 1 | age)))
nlme_case("orthodont_pdcompsymm", "Orthodont.csv", "distance ~ age + cs(1 + age | Subject)", NULL, TRUE,
          lme(distance ~ age, random = list(Subject = pdCompSymm(~ age)), data = orth, method = "REML"))
psid$occasion <- psid$year
nlme_case("psid_cs_gls", "psid.csv", "log(income) ~ I(year - 78) * sex", "cs(person)", TRUE,
          gls(log(income) ~ I(year - 78) * sex, data = psid, method = "REML",
              correlation = corCompSymm(form = ~ 1 | person)))

cs_equiv <- function(name, dataset, formula_fixed, group, data, reml) {
  m <- lmerTest::lmer(as.formula(paste0(formula_fixed, " + (1 | ", group, ")")), data = data, REML = reml,
                      control = tight)
  s <- summary(m)$coefficients
  a <- anova(m)
  ci <- confint(m, parm = "beta_", method = "profile")
  put(list(dataset = dataset, formula = formula_fixed, residual = paste0("cs(", group, ")"), reml = reml,
           profile_lower = unname(ci[, 1]), profile_upper = unname(ci[, 2]),
           names = rownames(s), estimate = unname(s[, "Estimate"]), se = unname(s[, "Std. Error"]),
           satterthwaite_df = unname(s[, "df"]),
           anova = list(terms = rownames(a), dendf = unname(a[, "DenDF"]), F = unname(a[, "F value"]))), name)
}
cs_equiv("orthodont_cs_satterthwaite", "Orthodont.csv", "distance ~ age * Sex", "Subject", orth, TRUE)
cs_equiv("psid_cs_satterthwaite_ml", "psid.csv", "log(income) ~ I(year - 78) * sex", "person", psid, FALSE)
cat("wrote", out_dir, "\n")

## The weighted sleepstudy model written as the unweighted model it is equivalent to: every row of
## y - offset, X and Z multiplied by sqrt(w) (residual variance sigma^2 / w becomes sigma^2). lme4's
## profile of the fixed effects and pbkrtest's Kenward-Roger adjustment do not take prior weights
## into account (the fits above show a profile interval far narrower than the Wald one and KR df
## of an unweighted model); on this equivalent model they are right, and give the references for
## ours (which whitens the same way). The log-likelihoods differ by the Jacobian, sum(log w)/2.
mw <- lmerTest::lmer(ys ~ 0 + sw + ds + (0 + sw + ds | Subject), data = sleep, REML = TRUE, control = tight)
ciw <- confint(mw, method = "profile", oldNames = FALSE)
put(list(dataset = "sleepstudy_weighted.csv", formula = "Reaction ~ Days + offset(off) + (Days | Subject)",
         weights = "w", reml = TRUE, names = c("(Intercept)", "Days"),
         satterthwaite_df = unname(summary(mw)$coefficients[, "df"]),
         kr_df = unname(summary(mw, ddf = "Kenward-Roger")$coefficients[, "df"]),
         kr_se = unname(summary(mw, ddf = "Kenward-Roger")$coefficients[, "Std. Error"]),
         jacobian = -sum(log(sleep$w)),
         deviance_whitened = -2 * as.numeric(logLik(mw)),
         profile_names = c("sd_(Intercept)|Subject", "cor_Days.(Intercept)|Subject", "sd_Days|Subject", "sigma",
                           "(Intercept)", "Days"),
         profile_lower = unname(ciw[, 1]), profile_upper = unname(ciw[, 2])),
    "sleepstudy_weights_offset_whitened")

## Kenward-Roger F test of Days in the weighted model, on the equivalent unweighted models
mw0 <- lmer(ys ~ 0 + sw + (0 + sw + ds | Subject), data = sleep, REML = TRUE, control = tight)
kr <- KRmodcomp(mw, mw0)$test
put(list(dataset = "sleepstudy_weighted.csv", weights = "w",
         large = "Reaction ~ Days + offset(off) + (Days | Subject)",
         small = "Reaction ~ 1 + offset(off) + (Days | Subject)",
         F = kr["Ftest", "stat"], ndf = kr["Ftest", "ndf"], ddf = kr["Ftest", "ddf"], F_scaling = kr["Ftest", "F.scaling"],
         p = kr["Ftest", "p.value"]), "sleepstudy_weights_krmodcomp")
