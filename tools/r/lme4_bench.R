# Times lme4's lmer() (REML) on one CSV file, for `./bench lme4` (org.jmixed.bench.Lme4Runner).
# Usage: Rscript tools/r/lme4_bench.R FILE.csv FORMULA FACTOR-COLUMNS REPEATS
#   FACTOR-COLUMNS: comma-separated columns read as factors (grouping factors, categorical
#   covariates), as tools/r/*_reference.R read the example data.
# Prints one JSON object on stdout: versions, the BLAS and LAPACK R really loaded, seconds spent
# loading lme4, reading the file, and in each lmer() call, plus the fit's evaluations and REML
# criterion (so that the harness can check both programs fitted the same model).
t0 <- proc.time()[["elapsed"]]
suppressMessages(library(lme4))
suppressMessages(library(jsonlite))
loaded <- proc.time()[["elapsed"]]
args <- commandArgs(TRUE)
if (length(args) != 4) stop("usage: Rscript tools/r/lme4_bench.R FILE.csv FORMULA FACTORS REPEATS")
file <- args[1]
form <- as.formula(args[2])
factors <- if (nzchar(args[3])) strsplit(args[3], ",", fixed = TRUE)[[1]] else character(0)
reps <- as.integer(args[4])
d <- read.csv(file, stringsAsFactors = FALSE)
for (v in factors) d[[v]] <- factor(d[[v]])
read <- proc.time()[["elapsed"]]
times <- numeric(reps)
for (i in seq_len(reps)) {
  times[i] <- system.time(m <- lmer(form, data = d, REML = TRUE))[["elapsed"]]
}
blas <- unname(extSoftVersion()["BLAS"])
out <- list(
  lme4 = as.character(packageVersion("lme4")),
  r = as.character(getRversion()),
  blas = blas,
  blasResolved = if (nzchar(blas)) normalizePath(blas, mustWork = FALSE) else "",
  lapack = La_library(),
  lapackVersion = La_version(),
  rows = nrow(d),
  loadSeconds = loaded - t0,
  readSeconds = read - loaded,
  lmerSeconds = I(times),
  evaluations = m@optinfo$feval,
  remlCriterion = REMLcrit(m))
cat(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "\n")
