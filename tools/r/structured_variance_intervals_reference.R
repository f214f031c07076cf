# Reference intervals for the variance parameters of models with residual structures and
# idn()/cs() random-effect terms: nlme's intervals() on gls and lme fits (Wald intervals on nlme's
# unconstrained scales from its numerical Hessian of the (RE)ML log-likelihood, normal quantile).
# Each row is labelled as jmixed's confint labels it: .sigNN (lme4's order of the random-effects
# parameters), .sigma, residual.<name as the fit's summary names it>.
#
#   Rscript tools/r/structured_variance_intervals_reference.R [DATA_DIR] [OUT_FILE]
suppressPackageStartupMessages({ library(nlme); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) >= 1) args[1] else "/work/shared/data"
out_file <- if (length(args) >= 2) args[2] else
  "inference/src/test/resources/varint/structured_variance_intervals.json"
ortho <- read.csv(file.path(data_dir, "Orthodont.csv"))
ortho$Subject <- factor(ortho$Subject); ortho$Sex <- factor(ortho$Sex); ortho$fage <- factor(ortho$age)
sleep <- read.csv(file.path(data_dir, "sleepstudy.csv"))
sleep$Subject <- factor(sleep$Subject)
psid <- read.csv(file.path(data_dir, "psid.csv"))
psid$person <- factor(psid$person)
cake <- read.csv(file.path(data_dir, "cake.csv"))
for (v in c("replicate", "recipe", "temperature")) cake[[v]] <- factor(cake[[v]])
ctl_l <- lmeControl(maxIter = 500, msMaxIter = 500, tolerance = 1e-10, msTol = 1e-12, niterEM = 100)
ctl_g <- glsControl(maxIter = 500, msMaxIter = 500, tolerance = 1e-10, msTol = 1e-12)

rows <- function(iv) {
  # nlme's intervals in its order: random effects, correlation structure, variance function, sigma
  out <- list()
  add <- function(m) for (r in seq_len(nrow(m)))
    out[[length(out) + 1]] <<- list(nlme = rownames(m)[r], lower = m[r, 1], est = m[r, 2], upper = m[r, 3])
  if (!is.null(iv$reStruct)) for (g in iv$reStruct) add(as.matrix(g))
  if (!is.null(iv$corStruct)) add(iv$corStruct)
  if (!is.null(iv$varStruct)) add(iv$varStruct)
  s <- iv$sigma
  out[[length(out) + 1]] <- list(nlme = "sigma", lower = s[[1]], est = s[[2]], upper = s[[3]])
  out
}
cases <- list()
case <- function(name, dataset, formula, residual, reml, labels, fit) {
  # no reference where nlme fails to converge or its Hessian is not negative definite
  iv <- tryCatch(intervals(fit, which = "var-cov"), error = function(e) conditionMessage(e))
  if (is.character(iv)) {
    message(name, ": nlme gives no intervals (", iv, ")")
    return(invisible())
  }
  r <- rows(iv)
  # nlme's Hessian (fdHess) steps by 6e-6 times |parameter| on the unconstrained scale: for a
  # parameter near 0 there (a correlation near 0, a sd ratio near 1) the step is tiny and the
  # second differences are mostly rounding noise; with larger steps its error is first order in
  # the step (on Orthodont un(), REML, the lower end of corr 10,12 is 0.28490, 0.27643, 0.27390,
  # 0.27274 at relative steps 1e-2, 3e-3, 1e-3, 1e-4). The same fit with steps of 1e-4 times
  # max(|parameter|, 1), and 2e-4, extrapolated to step 0 (2 V(h) - V(2h), V nlme's approximate
  # covariance of the parameters), give the "refined" ends.
  at_step <- function(h) update(fit, control = modifyList(eval(fit$call$control),
                                                          list(.relStep = h, minAbsParApVar = 1)))
  fine <- at_step(1e-4)
  coarse <- at_step(2e-4)
  stopifnot(abs(logLik(fine) - logLik(fit)) < 1e-8 * abs(logLik(fit)))
  fine$apVar[] <- 2 * fine$apVar - coarse$apVar
  rr <- rows(intervals(fine, which = "var-cov"))
  stopifnot(length(r) == length(labels))
  for (i in seq_along(r)) {
    r[[i]]$name <- labels[i]
    r[[i]]$refined_lower <- rr[[i]]$lower
    r[[i]]$refined_upper <- rr[[i]]$upper
  }
  cases[[length(cases) + 1]] <<- list(name = name, dataset = dataset, formula = formula, residual = residual,
                                      reml = reml, logLik = as.numeric(logLik(fit)), intervals = r)
}
for (reml in c(TRUE, FALSE)) {
  meth <- if (reml) "REML" else "ML"
  tag <- if (reml) "reml" else "ml"
  case(paste0("ortho_ar1_gls_", tag), "Orthodont.csv", "distance ~ age * Sex", "ar1(age | Subject)", reml,
       c("residual.rho", ".sigma"),
       gls(distance ~ age * Sex, ortho, correlation = corAR1(form = ~ 1 | Subject), method = meth, control = ctl_g))
  case(paste0("ortho_ar1_lme_", tag), "Orthodont.csv", "distance ~ age * Sex + (1 | Subject)",
       "ar1(age | Subject)", reml, c(".sig01", "residual.rho", ".sigma"),
       lme(distance ~ age * Sex, ortho, random = ~ 1 | Subject, correlation = corAR1(form = ~ 1 | Subject),
           method = meth, control = ctl_l))
  case(paste0("ortho_cs_gls_", tag), "Orthodont.csv", "distance ~ age * Sex", "cs(Subject)", reml,
       c("residual.correlation", ".sigma"),
       gls(distance ~ age * Sex, ortho, correlation = corCompSymm(form = ~ 1 | Subject), method = meth,
           control = ctl_g))
  case(paste0("ortho_un_gls_", tag), "Orthodont.csv", "distance ~ age * Sex", "un(age | Subject)", reml,
       c("residual.corr 8,10", "residual.corr 8,12", "residual.corr 8,14", "residual.corr 10,12",
         "residual.corr 10,14", "residual.corr 12,14", "residual.sd ratio age=10", "residual.sd ratio age=12",
         "residual.sd ratio age=14", ".sigma"),
       gls(distance ~ age * Sex, ortho, correlation = corSymm(form = ~ 1 | Subject),
           weights = varIdent(form = ~ 1 | fage), method = meth, control = ctl_g))
  case(paste0("ortho_diag_gls_", tag), "Orthodont.csv", "distance ~ age * Sex", "diag(Sex)", reml,
       c("residual.sd ratio Sex=Male", ".sigma"),
       # gls's varIdent takes the first level in the data's order as reference; jmixed's diag() the
       # first in sorted order (Female)
       gls(distance ~ age * Sex, ortho[order(ortho$Sex != "Female"), ], weights = varIdent(form = ~ 1 | Sex),
           method = meth, control = ctl_g))
  case(paste0("ortho_diag_lme_", tag), "Orthodont.csv", "distance ~ age * Sex + (age | Subject)", "diag(Sex)",
       reml, c(".sig01", ".sig03", ".sig02", "residual.sd ratio Sex=Male", ".sigma"),
       lme(distance ~ age * Sex, ortho, random = ~ age | Subject, weights = varIdent(form = ~ 1 | Sex),
           method = meth, control = ctl_l))
  # held out: cake (split plot; pdCompSymm over the recipes within a replicate)
  case(paste0("cake_pdcs_lme_", tag), "cake.csv", "angle ~ recipe + temperature + cs(0 + recipe | replicate)",
       NULL, reml, c(".sig01", ".sig02", ".sigma"),
       lme(angle ~ recipe + temperature, cake, random = list(replicate = pdCompSymm(~ recipe - 1)), method = meth,
           control = ctl_l))
  case(paste0("sleep_pdident_lme_", tag), "sleepstudy.csv", "Reaction ~ Days + idn(Days | Subject)", NULL, reml,
       c(".sig01", ".sigma"),
       lme(Reaction ~ Days, sleep, random = list(Subject = pdIdent(~ Days)), method = meth, control = ctl_l))
  case(paste0("sleep_ar1_lme_", tag), "sleepstudy.csv", "Reaction ~ Days + (1 | Subject)",
       "ar1(Days | Subject)", reml, c(".sig01", "residual.rho", ".sigma"),
       lme(Reaction ~ Days, sleep, random = ~ 1 | Subject, correlation = corAR1(form = ~ Days | Subject),
           method = meth, control = ctl_l))
  case(paste0("sleep_car1_gls_", tag), "sleepstudy.csv", "Reaction ~ Days", "car1(Days | Subject)", reml,
       c("residual.phi", ".sigma"),
       gls(Reaction ~ Days, sleep, correlation = corCAR1(form = ~ Days | Subject), method = meth, control = ctl_g))
  # held out: psid
  case(paste0("psid_ar1_lme_", tag), "psid.csv", "log(income) ~ I(year - 78) * sex + (1 | person)",
       "ar1(year | person)", reml, c(".sig01", "residual.rho", ".sigma"),
       lme(log(income) ~ I(year - 78) * sex, psid, random = ~ 1 | person,
           correlation = corAR1(form = ~ year | person), method = meth, control = ctl_l))
}
dir.create(dirname(out_file), showWarnings = FALSE, recursive = TRUE)
write_json(cases, out_file, digits = NA, auto_unbox = TRUE, pretty = TRUE, null = "null")

## Profile intervals of sigma and of the residual parameters (ML): nlme fits with the parameter held
## (fixed = TRUE for the structure's, glsControl(sigma = s) for sigma), zeta(c) = sign(c - c^) sqrt(dev(c) -
## dev(c^)) inverted at +-qnorm(0.975) with uniroot.
z <- qnorm(0.975)
prof <- function(dev_at, est, dev0, lower_range, upper_range) {
  zeta <- function(c) sign(c - est) * sqrt(max(0, dev_at(c) - dev0))
  c(uniroot(function(c) zeta(c) + z, lower_range, tol = 1e-10)$root,
    uniroot(function(c) zeta(c) - z, upper_range, tol = 1e-10)$root)
}
profile_cases <- list()
profile_case <- function(name, dataset, formula, residual, rname, fit, held_par, held_sigma, prange) {
  dev0 <- -2 * as.numeric(logLik(fit))
  st <- if (!is.null(fit$modelStruct$corStruct)) fit$modelStruct$corStruct else fit$modelStruct$varStruct
  est <- unname(coef(st, unconstrained = FALSE))
  s <- fit$sigma
  out <- list()
  out[[rname]] <- prof(function(c) -2 * as.numeric(logLik(held_par(c))), est, dev0,
                       c(prange[1], est), c(est, prange[2]))
  if (!is.null(held_sigma)) out[[".sigma"]] <- prof(function(c) -2 * as.numeric(logLik(held_sigma(c))), s, dev0, c(s / 3, s), c(s, 3 * s))
  profile_cases[[length(profile_cases) + 1]] <<- list(name = name, dataset = dataset, formula = formula,
                                                      residual = residual, deviance = dev0, profiles = out)
}
f <- distance ~ age * Sex
profile_case("ortho_ar1_gls", "Orthodont.csv", "distance ~ age * Sex", "ar1(age | Subject)", "residual.rho",
  gls(f, ortho, correlation = corAR1(form = ~ 1 | Subject), method = "ML", control = ctl_g),
  function(c) gls(f, ortho, correlation = corAR1(c, form = ~ 1 | Subject, fixed = TRUE), method = "ML",
                  control = ctl_g),
  function(s) gls(f, ortho, correlation = corAR1(form = ~ 1 | Subject), method = "ML",
                  control = modifyList(ctl_g, list(sigma = s))),
  c(-0.99, 0.99))
profile_case("ortho_ar1_lme", "Orthodont.csv", "distance ~ age * Sex + (1 | Subject)", "ar1(age | Subject)",
  "residual.rho",
  lme(f, ortho, random = ~ 1 | Subject, correlation = corAR1(form = ~ 1 | Subject), method = "ML", control = ctl_l),
  function(c) lme(f, ortho, random = ~ 1 | Subject, correlation = corAR1(c, form = ~ 1 | Subject, fixed = TRUE),
                  method = "ML", control = ctl_l),
  NULL,  # lme's fits with lmeControl(sigma = s) do not move their log-likelihood with s here
  c(-0.99, 0.99))
ortho_f <- ortho[order(ortho$Sex != "Female"), ]
profile_case("ortho_diag_gls", "Orthodont.csv", "distance ~ age * Sex", "diag(Sex)", "residual.sd ratio Sex=Male",
  gls(f, ortho_f, weights = varIdent(form = ~ 1 | Sex), method = "ML", control = ctl_g),
  function(c) gls(f, ortho_f, weights = varIdent(form = ~ 1 | Sex, fixed = c(Male = c)), method = "ML",
                  control = ctl_g),
  function(s) gls(f, ortho_f, weights = varIdent(form = ~ 1 | Sex), method = "ML",
                  control = modifyList(ctl_g, list(sigma = s))),
  c(0.2, 5))
profile_case("sleep_car1_gls", "sleepstudy.csv", "Reaction ~ Days", "car1(Days | Subject)", "residual.phi",
  gls(Reaction ~ Days, sleep, correlation = corCAR1(form = ~ Days | Subject), method = "ML", control = ctl_g),
  function(c) gls(Reaction ~ Days, sleep, correlation = corCAR1(c, form = ~ Days | Subject, fixed = TRUE),
                  method = "ML", control = ctl_g),
  function(s) gls(Reaction ~ Days, sleep, correlation = corCAR1(form = ~ Days | Subject), method = "ML",
                  control = modifyList(ctl_g, list(sigma = s))),
  c(0.01, 0.99))
# held out: psid, compound symmetry within person
fp <- log(income) ~ I(year - 78) * sex
profile_case("psid_cs_gls", "psid.csv", "log(income) ~ I(year - 78) * sex", "cs(person)", "residual.correlation",
  gls(fp, psid, correlation = corCompSymm(form = ~ 1 | person), method = "ML", control = ctl_g),
  function(c) gls(fp, psid, correlation = corCompSymm(c, form = ~ 1 | person, fixed = TRUE), method = "ML",
                  control = ctl_g),
  function(s) gls(fp, psid, correlation = corCompSymm(form = ~ 1 | person), method = "ML",
                  control = modifyList(ctl_g, list(sigma = s))),
  c(0.01, 0.99))
write_json(profile_cases, sub("\\.json$", "_profile.json", out_file), digits = NA, auto_unbox = TRUE,
           pretty = TRUE)
