# The prediction-error parametric bootstrap of a fitted lmer model written out with lme4's refit():
# sourced by tools/r/predict_interval_reference.R (test fixtures) and
# tools/r/predict_interval_timing.R (speed against jmixed). See the reference script's header for
# the construction.
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
  q <- apply(delta, 2, quantile, probs = probs, type = 6, names = FALSE)
  list(B = B, conditional = conditional, seed = seed, probs = probs,
       fit = pred,
       error_quantiles = lapply(seq_len(nrow(newdata)), function(i) q[, i]),
       error_mean = colMeans(delta), error_sd = apply(delta, 2, sd),
       lwr = pred + q[1, ], upr = pred + q[length(probs), ])
}

