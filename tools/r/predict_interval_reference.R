# Reference numbers for jmixed's bootstrap prediction intervals (predict --interval N, issue 11):
# the prediction-error parametric bootstrap written out with lme4's refit(), on the shared data.
# Writes inference/src/test/resources/predict_interval_reference.json; the test suite never runs R.
#
#   Rscript tools/r/predict_interval_reference.R [DATA_DIR] [OUT.json]
#
# The construction (Davison & Hinkley's prediction-error bootstrap, made hierarchical): per replicate,
#   u* ~ N(0, sigma^2 I), b* = Lambda u*, y* = X beta + Z b* + e*          (unconditional), or
#   y* = fitted + e*, b* = the BLUPs                                         (conditional);
#   a new row's outcome y+* = x' beta + z' b*_g + e+* in a known group g (the same b*_g as y*),
#   with a fresh b ~ N(0, sigma^2 T T') in a new group; the refit to y* predicts it (yhat+*);
#   delta* = y+* - yhat+*. The interval is predict(fit, newdata) + the quantiles of delta*.
# Monte-Carlo quantities carry B so that the tests can set their tolerances from it.
suppressPackageStartupMessages({
  library(lme4)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) >= 1) args[1] else "/work/shared/data"
out_file <- if (length(args) >= 2) args[2] else "inference/src/test/resources/predict_interval_reference.json"
read <- function(name) read.csv(file.path(data_dir, paste0(name, ".csv")), stringsAsFactors = TRUE)

probs <- c(0.025, 0.05, 0.1, 0.5, 0.9, 0.95, 0.975)

# z' b for each new row: b is a levels x columns matrix (row names the levels); a column named
# "(Intercept)" multiplies 1, any other the new data's column of that name. NA for unknown levels.
random_part <- function(newdata, group, b) {
  out <- numeric(nrow(newdata))
  for (i in seq_len(nrow(newdata))) {
    lev <- as.character(newdata[[group]][i])
    if (!(lev %in% rownames(b))) return(NA)
    for (c in colnames(b)) {
      z <- if (c == "(Intercept)") 1 else newdata[[c]][i]
      out[i] <- out[i] + z * b[lev, c]
    }
  }
  out
}

boot_prediction <- function(fit, newdata, group, B, conditional, seed) {
  set.seed(seed)
  beta <- fixef(fit)
  sigma <- sigma(fit)
  X <- getME(fit, "X")
  Z <- t(getME(fit, "Zt"))
  Lambda <- getME(fit, "Lambda")
  tmpl <- getME(fit, "Tlist")[[1]]
  nc <- ncol(tmpl)
  levs <- levels(getME(fit, "flist")[[group]])
  cn <- colnames(ranef(fit)[[group]])
  xn <- model.matrix(delete.response(terms(fit, fixed.only = TRUE)), newdata)
  known <- as.character(newdata[[group]]) %in% levs
  fixed_part <- as.numeric(xn %*% beta)
  pred <- as.numeric(predict(fit, newdata, allow.new.levels = TRUE))
  blup <- as.matrix(ranef(fit)[[group]])
  delta <- matrix(NA_real_, B, nrow(newdata))
  for (r in seq_len(B)) {
    if (conditional) {
      bstar <- blup
      ystar <- fitted(fit) + sigma * rnorm(nrow(X))
    } else {
      u <- sigma * rnorm(ncol(Z))
      bvec <- as.numeric(Lambda %*% u)
      bstar <- matrix(bvec, ncol = nc, byrow = TRUE, dimnames = list(levs, cn))
      ystar <- as.numeric(X %*% beta + Z %*% bvec) + sigma * rnorm(nrow(X))
    }
    yplus <- fixed_part
    for (i in seq_len(nrow(newdata))) {
      if (known[i]) {
        yplus[i] <- yplus[i] + random_part(newdata[i, , drop = FALSE], group, bstar)
      } else {
        bnew <- matrix(sigma * as.numeric(tmpl %*% rnorm(nc)), nrow = 1, dimnames = list("new", cn))
        nd <- newdata[i, , drop = FALSE]
        nd[[group]] <- "new"
        yplus[i] <- yplus[i] + random_part(nd, group, bnew)
      }
    }
    yplus <- yplus + sigma * rnorm(nrow(newdata))
    refitted <- suppressWarnings(suppressMessages(refit(fit, newresp = ystar)))
    delta[r, ] <- yplus - as.numeric(predict(refitted, newdata, allow.new.levels = TRUE))
  }
  q <- apply(delta, 2, quantile, probs = probs, type = 7, names = FALSE)
  list(B = B, conditional = conditional, seed = seed, probs = probs,
       fit = pred,
       error_quantiles = lapply(seq_len(nrow(newdata)), function(i) q[, i]),
       error_mean = colMeans(delta), error_sd = apply(delta, 2, sd),
       lwr = pred + q[1, ], upr = pred + q[length(probs), ])
}

case <- function(name, formula, data, newdata, group, B, seed) {
  fit <- lmer(formula, data, REML = TRUE)
  start <- proc.time()[["elapsed"]]
  unconditional <- boot_prediction(fit, newdata, group, B, FALSE, seed)
  conditional <- boot_prediction(fit, newdata, group, B, TRUE, seed + 1)
  cat(sprintf("%s: %d + %d refits in %.1f s\n", name, B, B, proc.time()[["elapsed"]] - start))
  list(data = name, formula = deparse(formula), reml = TRUE, level = 0.95,
       newdata = lapply(names(newdata), function(c) list(name = c, values = as.character(newdata[[c]]))),
       unconditional = unconditional, conditional = conditional)
}

sleep <- read("sleepstudy")
sleep$Subject <- factor(sleep$Subject)
sleep_new <- data.frame(Days = c(3, 12, 9, 3), Subject = c("308", "308", "335", "999"))
dye <- read("Dyestuff")
dye_new <- data.frame(Batch = c("A", "E", "G"))

out <- list(generated_by = "tools/r/predict_interval_reference.R",
            r_version = R.version.string,
            lme4 = as.character(packageVersion("lme4")),
            cases = list(
              case("sleepstudy", Reaction ~ Days + (Days | Subject), sleep, sleep_new, "Subject", 4000, 20261129),
              case("Dyestuff", Yield ~ 1 + (1 | Batch), dye, dye_new, "Batch", 4000, 20261130)))
dir.create(dirname(out_file), recursive = TRUE, showWarnings = FALSE)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = 2), out_file)
cat("wrote", out_file, "\n")
