# Time of the bootstrap prediction intervals of tools/r/predict_interval_bootstrap.R on sleepstudy
# (Reaction ~ Days + (Days | Subject), REML, 4 new rows), for the README's comparison with
# `jmixed predict --interval B`. Prints the seconds of the B replicates.
#
#   Rscript tools/r/predict_interval_timing.R [B] [DATA_DIR]
suppressPackageStartupMessages({
  library(lme4)
})
args <- commandArgs(trailingOnly = TRUE)
B <- if (length(args) >= 1) as.integer(args[1]) else 1000
data_dir <- if (length(args) >= 2) args[2] else "/work/shared/data"
script_dir <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
source(file.path(script_dir, "predict_interval_bootstrap.R"))
sleep <- read.csv(file.path(data_dir, "sleepstudy.csv"), stringsAsFactors = TRUE)
sleep$Subject <- factor(sleep$Subject)
fit <- lmer(Reaction ~ Days + (Days | Subject), sleep, REML = TRUE)
newdata <- data.frame(Days = c(3, 12, 9, 3), Subject = c("308", "308", "335", "999"))
start <- proc.time()[["elapsed"]]
r <- boot_prediction(fit, newdata, "Subject", B, FALSE, 1)
cat(sprintf("R: %d replicates in %.2f s\n", B, proc.time()[["elapsed"]] - start))
