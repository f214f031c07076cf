# Reference numbers for jmixed's model comparison (compare), the Stata-style header tests
# (fit --lrtest) and prediction (predict), from lme4 and R's stats.
# Usage: Rscript tools/r/compare_reference.R SHARED_DATA_DIR OUTDIR
# Writes OUTDIR/compare_reference.json and the new-data files OUTDIR/newdata_*.csv.
# Every lmer fit is refitted from its optimum by BOBYQA at tight tolerances (as the shared
# lme4_reference.R does), so that the numbers are the optimum, not lme4's stopping point.
suppressMessages({library(lme4); library(jsonlite)})
args <- commandArgs(TRUE); datadir <- args[1]; out <- args[2]

read <- function(name, grouping) {
  d <- read.csv(file.path(datadir, paste0(name, ".csv")), stringsAsFactors = TRUE)
  for (g in grouping) d[[g]] <- factor(d[[g]])
  d
}
data <- list(
  sleepstudy = read("sleepstudy", "Subject"),
  Penicillin = read("Penicillin", c("plate", "sample")),
  Pastes = read("Pastes", c("batch", "cask", "sample")),
  pulp = read("pulp", "operator"),
  Orthodont = read("Orthodont", "Subject"),
  cake = read("cake", c("recipe", "replicate", "temperature")),  # temperature is quoted: a factor
  irrigation = read("irrigation", "field"))

has_bar <- function(f) grepl("|", f, fixed = TRUE)

fit <- function(formula, d, REML) {
  f <- as.formula(formula)
  if (!has_bar(formula)) return(lm(f, data = d))
  m <- lmer(f, data = d, REML = REML)
  crit <- function(x) if (REML) REMLcrit(x) else deviance(x)
  tight <- update(m, control = lmerControl(optimizer = "bobyqa",
                                           optCtrl = list(rhoend = 1e-12, maxfun = 1e5)),
                  start = getME(m, "theta"))
  if (crit(tight) < crit(m)) tight else m
}

num <- function(x) ifelse(is.na(x), NA, x)

comparison <- function(id, dataset, formulas, reml = FALSE) {
  d <- data[[dataset]]
  mods <- lapply(formulas, fit, d = d, REML = reml)
  # anova() dispatches on its first argument: put an lmer fit first
  first <- which(vapply(formulas, has_bar, NA))[1]
  ord <- c(first, setdiff(seq_along(mods), first))
  a <- do.call(anova, c(mods[ord], list(refit = FALSE, model.names = formulas[ord])))
  list(id = id, dataset = paste0(dataset, ".csv"), formulas = formulas, reml = reml,
       models = rownames(a), npar = unname(a$npar), AIC = unname(a$AIC), BIC = unname(a$BIC),
       logLik = unname(a$logLik), deviance = unname(a$deviance),
       Chisq = num(unname(a$Chisq)), Df = num(unname(a$Df)), p = num(unname(a[["Pr(>Chisq)"]])))
}

comparisons <- list(
  comparison("sleepstudy_intercept_vs_slopes", "sleepstudy",
             c("Reaction ~ Days + (1 | Subject)", "Reaction ~ Days + (Days | Subject)")),
  comparison("sleepstudy_intercept_vs_slopes_reml", "sleepstudy",
             c("Reaction ~ Days + (1 | Subject)", "Reaction ~ Days + (Days | Subject)"), reml = TRUE),
  comparison("sleepstudy_lm_intercept_slopes", "sleepstudy",
             c("Reaction ~ Days + (Days | Subject)", "Reaction ~ Days", "Reaction ~ Days + (1 | Subject)")),
  comparison("sleepstudy_uncorrelated_vs_correlated", "sleepstudy",
             c("Reaction ~ Days + (Days || Subject)", "Reaction ~ Days + (Days | Subject)")),
  comparison("sleepstudy_fixed_days", "sleepstudy",
             c("Reaction ~ 1 + (Days | Subject)", "Reaction ~ Days + (Days | Subject)")),
  comparison("orthodont_fixed_sex", "Orthodont",
             c("distance ~ age + (1 | Subject)", "distance ~ age + Sex + (1 | Subject)",
               "distance ~ age * Sex + (1 | Subject)")),
  comparison("penicillin_sample", "Penicillin",
             c("diameter ~ 1 + (1 | plate) + (1 | sample)", "diameter ~ 1 + (1 | plate)")),
  comparison("pastes_cask", "Pastes",
             c("strength ~ 1 + (1 | batch)", "strength ~ 1 + (1 | batch/cask)")),
  comparison("pastes_lm_batch_cask", "Pastes",
             c("strength ~ 1 + (1 | batch/cask)", "strength ~ 1 + (1 | batch)", "strength ~ 1")),
  comparison("pulp_operator", "pulp", c("bright ~ 1 + (1 | operator)", "bright ~ 1")),
  comparison("irrigation_interaction", "irrigation",
             c("yield ~ irrigation * variety + (1 | field)", "yield ~ irrigation + variety + (1 | field)")))

# Stata's header tests: Wald chi2 of the fixed effects but the intercept, LR test vs the linear model
header <- function(id, dataset, formula, reml) {
  d <- data[[dataset]]
  m <- fit(formula, d, reml)
  b <- fixef(m); V <- as.matrix(vcov(m))
  keep <- names(b) != "(Intercept)"
  wald <- if (any(keep)) as.numeric(t(b[keep]) %*% solve(V[keep, keep, drop = FALSE], b[keep])) else NA
  lm0 <- lm(nobars(as.formula(formula)), data = d)
  lr <- 2 * (as.numeric(logLik(m)) - as.numeric(logLik(lm0, REML = reml)))
  k <- length(getME(m, "theta"))
  list(id = id, dataset = paste0(dataset, ".csv"), formula = formula, reml = reml,
       wald_chisq = wald, wald_df = sum(keep), wald_p = if (any(keep)) pchisq(wald, sum(keep), lower.tail = FALSE) else NA,
       lr_chisq = lr, lr_df = k, lr_p_chisq = pchisq(lr, k, lower.tail = FALSE),
       lr_p_mixture = 0.5 * pchisq(lr, k, lower.tail = FALSE) +
         (if (k > 1) 0.5 * pchisq(lr, k - 1, lower.tail = FALSE) else 0),
       lm_logLik = as.numeric(logLik(lm0, REML = reml)))
}
headers <- list(
  header("sleepstudy_reml", "sleepstudy", "Reaction ~ Days + (Days | Subject)", TRUE),
  header("sleepstudy_intercept_ml", "sleepstudy", "Reaction ~ Days + (1 | Subject)", FALSE),
  header("orthodont_sex_reml", "Orthodont", "distance ~ age * Sex + (1 | Subject)", TRUE),
  header("pulp_ml", "pulp", "bright ~ 1 + (1 | operator)", FALSE),
  header("irrigation_reml", "irrigation", "yield ~ irrigation + variety + (1 | field)", TRUE))

# Prediction: new data with known and new levels of the grouping factors
write_new <- function(name, d) {
  write.csv(d, file.path(out, paste0("newdata_", name, ".csv")), row.names = FALSE, quote = TRUE)
  d
}
newdata <- list(
  sleepstudy = write_new("sleepstudy", data.frame(
    Days = c(0, 3.5, 9, 12, 5, 1),
    Subject = c("308", "309", "372", "999", "new", "308"))),
  Orthodont = write_new("Orthodont", data.frame(
    age = c(8, 11, 14, 9.5, 13),
    Sex = c("Male", "Female", "Male", "Female", "Male"),
    Subject = c("M01", "F03", "X99", "F11", "M16"))),
  Penicillin = write_new("Penicillin", data.frame(
    plate = c("a", "x", "m", "zz"),
    sample = c("A", "B", "Q", "F"))),
  cake = write_new("cake", data.frame(
    recipe = c("A", "B", "C", "A", "C"),
    replicate = c(1, 7, 15, 16, 99),
    temperature = c(175, 205, 225, 185, 215))))
# categorical columns of the new data as the training data has them
newdata$sleepstudy$Subject <- factor(newdata$sleepstudy$Subject)
newdata$cake$temperature <- factor(newdata$cake$temperature, levels = levels(data$cake$temperature))
newdata$cake$recipe <- factor(newdata$cake$recipe, levels = levels(data$cake$recipe))
newdata$Orthodont$Sex <- factor(newdata$Orthodont$Sex, levels = levels(data$Orthodont$Sex))

prediction <- function(id, dataset, formula, reml = TRUE) {
  d <- data[[dataset]]
  m <- fit(formula, d, reml)
  nd <- newdata[[dataset]]
  list(id = id, dataset = paste0(dataset, ".csv"), newdata = paste0("newdata_", dataset, ".csv"),
       formula = formula, reml = reml,
       conditional = unname(predict(m, newdata = nd, allow.new.levels = TRUE)),
       population = unname(predict(m, newdata = nd, re.form = NA)),
       fitted_head = unname(head(fitted(m), 5)))
}
predictions <- list(
  prediction("sleepstudy_slopes", "sleepstudy", "Reaction ~ Days + (Days | Subject)"),
  prediction("sleepstudy_quadratic_ml", "sleepstudy", "Reaction ~ Days + I(Days^2) + (1 | Subject)", reml = FALSE),
  prediction("orthodont_sex_interaction", "Orthodont", "distance ~ age * Sex + (1 | Subject)"),
  prediction("penicillin_crossed", "Penicillin", "diameter ~ 1 + (1 | plate) + (1 | sample)"),
  prediction("cake_interaction", "cake", "angle ~ recipe * temperature + (1 | recipe:replicate)"))

write_json(list(r_version = R.version.string, lme4_version = as.character(packageVersion("lme4")),
                comparisons = comparisons, headers = headers, predictions = predictions),
           file.path(out, "compare_reference.json"), digits = NA, auto_unbox = TRUE, pretty = TRUE,
           na = "null")
