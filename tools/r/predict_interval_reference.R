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
#   delta* = y+* - yhat+*. The interval is predict(fit, newdata) + the quantiles of delta*, R's
#   type 6 (the (B + 1) p-th order statistic, Davison & Hinkley's choice: nominal coverage for any B).
# Monte-Carlo quantities carry B so that the tests can set their tolerances from it.
suppressPackageStartupMessages({
  library(lme4)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) >= 1) args[1] else "/work/shared/data"
out_file <- if (length(args) >= 2) args[2] else "inference/src/test/resources/predict_interval_reference.json"
read <- function(name) read.csv(file.path(data_dir, paste0(name, ".csv")), stringsAsFactors = TRUE)

script_dir <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
source(file.path(script_dir, "predict_interval_bootstrap.R"))  # boot_prediction(), probs

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
