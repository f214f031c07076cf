# Reference fits for jmixed's covariance structures (issue 12): lme4 with prior weights and
# offsets; nlme gls/lme with varIdent, corCompSymm, corAR1, corCAR1, corSymm + varIdent, and
# pdIdent / pdCompSymm random effects; Orthodont and sleepstudy, ML and REML.
# Run from the repository root:  Rscript tools/r/covariance_reference.R
# Writes cpu-backend/src/test/resources/covariance/{reference.json, *_w.csv}.
suppressMessages({library(lme4); library(nlme); library(jsonlite)})
out_dir <- "cpu-backend/src/test/resources/covariance"
shared <- "../shared/data"

fits <- list()
add <- function(x) fits[[length(fits) + 1]] <<- x

# ---- lme4: prior weights and offsets -------------------------------------------------------
ss <- read.csv(file.path(shared, "sleepstudy.csv")); ss$Subject <- factor(ss$Subject)
ss$w <- 1 + (ss$Days %% 3) / 2
ss$off <- 2 * ss$Days + (as.integer(ss$Subject) %% 3)
write.csv(ss, file.path(out_dir, "sleepstudy_w.csv"), row.names = FALSE)
pen <- read.csv(file.path(shared, "Penicillin.csv")); pen$plate <- factor(pen$plate); pen$sample <- factor(pen$sample)
pen$w <- 0.5 + (seq_len(nrow(pen)) %% 4) / 3
write.csv(pen, file.path(out_dir, "Penicillin_w.csv"), row.names = FALSE)

lme4fit <- function(name, file, formula, data, weights, reml) {
  m <- if (is.null(weights)) lmer(as.formula(formula), data, REML = reml,
                                  control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12)))
       else lmer(as.formula(formula), data, REML = reml, weights = data[[weights]],
                 control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12)))
  add(list(name = name, source = "lme4", data = file, formula = formula, weights = weights, residual = NULL,
           reml = reml, logLik = as.numeric(logLik(m)), fixefNames = I(names(fixef(m))), fixef = unname(fixef(m)),
           sigma = sigma(m), theta = unname(getME(m, "theta")),
           fitted = unname(head(fitted(m), 8)), residuals = unname(head(residuals(m), 8)),
           pearson = unname(head(residuals(m, type = "pearson"), 8))))
}
for (reml in c(TRUE, FALSE)) {
  lme4fit(paste0("sleepstudy weighted ", if (reml) "REML" else "ML"), "covariance/sleepstudy_w.csv",
          "Reaction ~ Days + (Days | Subject)", ss, "w", reml)
  lme4fit(paste0("Penicillin weighted ", if (reml) "REML" else "ML"), "covariance/Penicillin_w.csv",
          "diameter ~ 1 + (1 | plate) + (1 | sample)", pen, "w", reml)
  lme4fit(paste0("sleepstudy offset ", if (reml) "REML" else "ML"), "covariance/sleepstudy_w.csv",
          "Reaction ~ Days + offset(off) + (Days | Subject)", ss, NULL, reml)
  lme4fit(paste0("sleepstudy weighted offset ", if (reml) "REML" else "ML"), "covariance/sleepstudy_w.csv",
          "Reaction ~ Days + offset(off) + offset(Days) + (1 | Subject)", ss, "w", reml)
}

# ---- nlme ------------------------------------------------------------------------------------
orth <- read.csv(file.path(shared, "Orthodont.csv")); orth$Subject <- factor(orth$Subject)
orth$occ <- as.integer(factor(orth$age))
# missing occasions: about one row in five removed, no child left with fewer than two
om <- orth[(as.integer(orth$Subject) + orth$occ) %% 5 != 0, ]
write.csv(om[, c("distance", "age", "Subject", "Sex")], file.path(out_dir, "Orthodont_missing.csv"), row.names = FALSE)
ss$occ <- ss$Days + 1L

# residual parameters in jmixed's order and the residual sd of the reference level / first occasion
residual_parameters <- function(m, kind, data, fcol) {
  sig <- m$sigma
  if (kind == "diag" || kind == "un") {
    lev <- as.character(sort(unique(data[[fcol]])))
    vf <- coef(m$modelStruct$varStruct, unconstrained = FALSE, allCoef = TRUE)
    sds <- sig * vf[lev]
    if (kind == "diag") return(list(sigma = unname(sds[1]), values = unname(sds[-1] / sds[1])))
    cm <- corMatrix(m$modelStruct$corStruct)
    full <- cm[[which.max(sapply(cm, nrow))]]
    k <- length(lev); cors <- c()
    for (b in 1:k) for (a in seq_len(k)[seq_len(k) > b]) cors <- c(cors, full[a, b])
    return(list(sigma = unname(sds[1]), values = c(unname(sds[-1] / sds[1]), cors)))
  }
  list(sigma = sig, values = unname(coef(m$modelStruct$corStruct, unconstrained = FALSE)))
}

# identifiable = FALSE: a random effect beside an unstructured residual covariance is not
# identifiable (un already spans every covariance over the occasions); only the likelihood and the
# fixed effects, which depend on the marginal covariance alone, are compared.
nlmefit <- function(name, file, data, fixed, random, jformula, residual, kind, fcol, reml, corr, wts,
                    identifiable = TRUE, jweights = NULL) {
  cat(name, "\n")
  method <- if (reml) "REML" else "ML"
  ctrl <- if (is.null(random)) glsControl(tolerance = 1e-10, msTol = 1e-10, maxIter = 500, msMaxIter = 500)
          else lmeControl(tolerance = 1e-10, msTol = 1e-10, maxIter = 500, msMaxIter = 500, niterEM = 100)
  m <- if (is.null(random)) gls(fixed, data, correlation = corr, weights = wts, method = method, control = ctrl)
       else lme(fixed, data, random = random, correlation = corr, weights = wts, method = method, control = ctrl)
  rp <- if (is.null(kind)) list(sigma = m$sigma, values = numeric(0)) else residual_parameters(m, kind, data, fcol)
  recov <- if (is.null(random)) numeric(0) else as.numeric(getVarCov(m))
  add(list(name = name, source = "nlme", data = file, formula = jformula, weights = jweights, residual = residual,
           reml = reml, logLik = as.numeric(logLik(m)), fixefNames = I(names(if (is.null(random)) coef(m) else fixef(m))),
           fixef = unname(if (is.null(random)) coef(m) else fixef(m)), sigma = rp$sigma,
           residualParameters = rp$values, reCov = recov, identifiable = identifiable,
           normalized = unname(head(as.numeric(residuals(m, type = "normalized")), 8))))
}

for (reml in c(TRUE, FALSE)) {
  tag <- if (reml) "REML" else "ML"
  f <- distance ~ age
  # residual structures without random effects (gls)
  nlmefit(paste("Orthodont gls diag", tag), "shared:Orthodont.csv", orth, f, NULL, "distance ~ age", "diag(age)",
          "diag", "age", reml, NULL, varIdent(form = ~ 1 | age))
  nlmefit(paste("Orthodont gls cs", tag), "shared:Orthodont.csv", orth, f, NULL, "distance ~ age", "cs(Subject)",
          "cs", NULL, reml, corCompSymm(form = ~ 1 | Subject), NULL)
  nlmefit(paste("Orthodont gls ar1", tag), "shared:Orthodont.csv", orth, f, NULL, "distance ~ age", "ar1(age | Subject)",
          "ar1", NULL, reml, corAR1(form = ~ occ | Subject), NULL)
  nlmefit(paste("Orthodont gls car1", tag), "shared:Orthodont.csv", orth, f, NULL, "distance ~ age", "car1(age | Subject)",
          "car1", NULL, reml, corCAR1(form = ~ age | Subject), NULL)
  nlmefit(paste("Orthodont gls un", tag), "shared:Orthodont.csv", orth, distance ~ age * Sex, NULL,
          "distance ~ age * Sex", "un(age | Subject)", "un", "age", reml,
          corSymm(form = ~ occ | Subject), varIdent(form = ~ 1 | age))
  # with random effects (lme)
  nlmefit(paste("Orthodont lme diag", tag), "shared:Orthodont.csv", orth, f, ~ 1 | Subject,
          "distance ~ age + (1 | Subject)", "diag(Sex)", "diag", "Sex", reml, NULL, varIdent(form = ~ 1 | Sex))
  nlmefit(paste("Orthodont lme cs", tag), "shared:Orthodont.csv", orth, f, list(Subject = pdDiag(~ age - 1)),
          "distance ~ age + (0 + age | Subject)", "cs(Subject)", "cs", NULL, reml, corCompSymm(form = ~ 1 | Subject), NULL)
  nlmefit(paste("Orthodont lme ar1", tag), "shared:Orthodont.csv", orth, f, ~ 1 | Subject,
          "distance ~ age + (1 | Subject)", "ar1(age | Subject)", "ar1", NULL, reml, corAR1(form = ~ occ | Subject), NULL)
  nlmefit(paste("Orthodont lme car1", tag), "shared:Orthodont.csv", orth, f, ~ 1 | Subject,
          "distance ~ age + (1 | Subject)", "car1(age | Subject)", "car1", NULL, reml, corCAR1(form = ~ age | Subject), NULL)
  nlmefit(paste("Orthodont lme un", tag), "shared:Orthodont.csv", orth, distance ~ age * Sex,
          list(Subject = pdDiag(~ age - 1)), "distance ~ age * Sex + (0 + age | Subject)", "un(age | Subject)", "un",
          "age", reml, corSymm(form = ~ occ | Subject), varIdent(form = ~ 1 | age), identifiable = FALSE)
  nlmefit(paste("sleepstudy gls ar1", tag), "shared:sleepstudy.csv", ss, Reaction ~ Days, NULL,
          "Reaction ~ Days", "ar1(Days | Subject)", "ar1", NULL, reml, corAR1(form = ~ occ | Subject), NULL)
  nlmefit(paste("sleepstudy lme ar1", tag), "shared:sleepstudy.csv", ss, Reaction ~ Days, ~ 1 | Subject,
          "Reaction ~ Days + (1 | Subject)", "ar1(Days | Subject)", "ar1", NULL, reml,
          corAR1(form = ~ occ | Subject), NULL)
  nlmefit(paste("sleepstudy gls cs", tag), "shared:sleepstudy.csv", ss, Reaction ~ Days, NULL,
          "Reaction ~ Days", "cs(Subject)", "cs", NULL, reml, corCompSymm(form = ~ 1 | Subject), NULL)
  nlmefit(paste("sleepstudy lme car1", tag), "shared:sleepstudy.csv", ss, Reaction ~ Days, ~ 1 | Subject,
          "Reaction ~ Days + (1 | Subject)", "car1(Days | Subject)", "car1", NULL, reml,
          corCAR1(form = ~ Days | Subject), NULL)
  # missing occasions
  nlmefit(paste("Orthodont missing gls un", tag), "covariance/Orthodont_missing.csv", om, distance ~ age * Sex, NULL,
          "distance ~ age * Sex", "un(age | Subject)", "un", "age", reml,
          corSymm(form = ~ occ | Subject), varIdent(form = ~ 1 | age))
  nlmefit(paste("Orthodont missing gls ar1", tag), "covariance/Orthodont_missing.csv", om, f, NULL,
          "distance ~ age", "ar1(age | Subject)", "ar1", NULL, reml, corAR1(form = ~ occ | Subject), NULL)
  nlmefit(paste("Orthodont missing lme car1", tag), "covariance/Orthodont_missing.csv", om, f, ~ 1 | Subject,
          "distance ~ age + (1 | Subject)", "car1(age | Subject)", "car1", NULL, reml,
          corCAR1(form = ~ age | Subject), NULL)
  nlmefit(paste("Orthodont missing lme ar1", tag), "covariance/Orthodont_missing.csv", om, f, ~ 1 | Subject,
          "distance ~ age + (1 | Subject)", "ar1(age | Subject)", "ar1", NULL, reml,
          corAR1(form = ~ occ | Subject), NULL)
  # prior weights with a residual structure: lme4's weights w are nlme's varFixed(~ 1/w)
  ss$invw <- 1 / ss$w
  nlmefit(paste("sleepstudy weighted gls ar1", tag), "covariance/sleepstudy_w.csv", ss, Reaction ~ Days, NULL,
          "Reaction ~ Days", "ar1(Days | Subject)", "ar1", NULL, reml, corAR1(form = ~ occ | Subject),
          varFixed(~ invw), jweights = "w")
  nlmefit(paste("sleepstudy weighted lme cs", tag), "covariance/sleepstudy_w.csv", ss, Reaction ~ Days,
          list(Subject = pdDiag(~ Days - 1)), "Reaction ~ Days + (0 + Days | Subject)", "cs(Subject)", "cs", NULL,
          reml, corCompSymm(form = ~ 1 | Subject), varFixed(~ invw), jweights = "w")
  # structured random-effect covariances
  nlmefit(paste("Orthodont pdIdent", tag), "shared:Orthodont.csv", orth, f, list(Subject = pdIdent(~ age)),
          "distance ~ age + idn(age | Subject)", NULL, NULL, NULL, reml, NULL, NULL)
  nlmefit(paste("Orthodont pdCompSymm", tag), "shared:Orthodont.csv", orth, f, list(Subject = pdCompSymm(~ age)),
          "distance ~ age + cs(age | Subject)", NULL, NULL, NULL, reml, NULL, NULL)
  nlmefit(paste("sleepstudy pdIdent", tag), "shared:sleepstudy.csv", ss, Reaction ~ Days, list(Subject = pdIdent(~ Days)),
          "Reaction ~ Days + idn(Days | Subject)", NULL, NULL, NULL, reml, NULL, NULL)
  nlmefit(paste("sleepstudy pdCompSymm", tag), "shared:sleepstudy.csv", ss, Reaction ~ Days,
          list(Subject = pdCompSymm(~ Days)), "Reaction ~ Days + cs(Days | Subject)", NULL, NULL, NULL, reml, NULL, NULL)
}

writeLines(toJSON(fits, auto_unbox = TRUE, digits = NA, pretty = TRUE, null = "null"),
           file.path(out_dir, "reference.json"))
cat(length(fits), "fits written\n")
