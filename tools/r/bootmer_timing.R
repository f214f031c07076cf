# Times lme4::bootMer on sleepstudy for the README's speed comparison with `jmixed bootstrap`
# (same statistic set: theta, sigma, fixed effects; REML; new random effects each replicate).
#
#   Rscript tools/r/bootmer_timing.R [DATA_DIR] [B]
suppressPackageStartupMessages(library(lme4))
args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) >= 1) args[1] else "/work/shared/data"
B <- if (length(args) >= 2) as.integer(args[2]) else 200L
sleep <- read.csv(file.path(data_dir, "sleepstudy.csv"))
sleep$Subject <- factor(sleep$Subject)
fm <- lmer(Reaction ~ Days + (Days | Subject), sleep)
stat <- function(m) c(getME(m, "theta"), sigma = sigma(m), fixef(m))
invisible(bootMer(fm, stat, nsim = 5, seed = 1))  # warm-up
t0 <- proc.time()
bm <- bootMer(fm, stat, nsim = B, seed = 1)
t <- proc.time() - t0
cpu <- t[["user.self"]] + t[["sys.self"]]
cat(sprintf("bootMer sleepstudy B=%d: wall %.2f s (%.2f ms/replicate), cpu %.2f s (%.2f ms/replicate); BLAS: %s\n",
            B, t[["elapsed"]], 1000 * t[["elapsed"]] / B, cpu, 1000 * cpu / B, extSoftVersion()[["BLAS"]]))
