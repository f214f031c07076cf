# Times lme4's lmer() on the example problems of the quick benchmark run, for comparison with
# FitBenchmark.fit. Usage: Rscript jmh/lme4_times.R [REPEATS]   (from the repository root)
# Reads the CSVs as tools/lme4_reference.R does (grouping columns as factors); prints one line per
# problem: the median and minimum elapsed time of lmer() over the repeats, in milliseconds.
# lmer() here includes building its model frame from the data frame, which FitBenchmark does not
# time (it starts from a built ModelFrame); for these sizes that part is small.
suppressMessages(library(lme4))
args <- commandArgs(TRUE)
reps <- if (length(args) >= 1) as.integer(args[1]) else 5L
rd <- function(n) read.csv(file.path("examples", paste0(n, ".csv")), stringsAsFactors = TRUE)
s <- rd("sleepstudy"); s$Subject <- factor(s$Subject)
p <- rd("Penicillin")
ie <- rd("InstEval"); for (v in c("s", "d", "dept", "service", "studage", "lectage")) ie[[v]] <- factor(ie[[v]])
problems <- list(
  sleepstudy = list(f = Reaction ~ Days + (Days | Subject), d = s),
  penicillin = list(f = diameter ~ 1 + (1 | plate) + (1 | sample), d = p),
  insteval = list(f = y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept), d = ie))
cat(sprintf("lme4 %s, R %s, BLAS %s\n", packageVersion("lme4"), getRversion(),
            if (is.null(extSoftVersion()["BLAS"])) "?" else extSoftVersion()["BLAS"]))
for (name in names(problems)) {
  pr <- problems[[name]]
  invisible(lmer(pr$f, data = pr$d))  # warm-up: loads code, fills caches
  t <- replicate(reps, system.time(m <<- lmer(pr$f, data = pr$d))[["elapsed"]])
  cat(sprintf("%-12s median %9.1f ms  min %9.1f ms  (%d runs; REML criterion %.4f, %d evaluations)\n",
              name, 1000 * median(t), 1000 * min(t), reps, REMLcrit(m), m@optinfo$feval))
}
