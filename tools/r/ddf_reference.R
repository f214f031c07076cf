# Reference numbers for jmixed's denominator degrees of freedom: lmerTest's summary() t tests and
# type III anova() with Satterthwaite and Kenward-Roger df, pbkrtest's vcovAdj and KRmodcomp.
# Usage (from the repository root):
#   Rscript tools/r/ddf_reference.R ../shared/data inference/src/test/resources/ddf
# Needs Debian's r-cran-lmertest, r-cran-pbkrtest and r-cran-jsonlite. Data are read as jmixed reads
# a CSV: character columns and grouping columns are factors with levels in code-point order.
suppressMessages({library(lmerTest); library(pbkrtest); library(jsonlite)})
args <- commandArgs(TRUE); data_dir <- args[1]; out <- args[2]
dir.create(out, recursive = TRUE, showWarnings = FALSE)

read_as_jmixed <- function(path) {
  d <- read.csv(path, stringsAsFactors = FALSE)
  for (v in names(d)) if (is.character(d[[v]])) d[[v]] <- factor(d[[v]], levels = sort(unique(d[[v]]), method = "radix"))
  d
}
# Unbalanced and subset data sets are written beside the fixtures, so the tests read the same rows.
write_csv <- function(d, name) {
  for (v in names(d)) if (is.factor(d[[v]])) d[[v]] <- as.character(d[[v]])
  write.csv(d, file.path(out, name), row.names = FALSE, quote = TRUE)
  file.path(out, name)
}

anova_rows <- function(a) {
  list(term = rownames(a), sumSq = unname(a[["Sum Sq"]]), meanSq = unname(a[["Mean Sq"]]),
       numDF = unname(a$NumDF), denDF = unname(a$DenDF), F = unname(a[["F value"]]), p = unname(a[["Pr(>F)"]]))
}
coef_rows <- function(s) {
  cf <- s$coefficients
  list(names = rownames(cf), estimate = unname(cf[, 1]), stderr = unname(cf[, 2]), df = unname(cf[, 3]),
       t = unname(cf[, 4]), p = unname(cf[, 5]))
}

# lme4's default stopping rule can halt on a flat ridge short of the optimum (Orthodont with
# slopes); refit from there with BOBYQA at tight tolerances and keep the better fit, as
# ../shared/tools/lme4_reference.R does, so that df are compared at the same optimum.
fit_tight <- function(formula, d, REML = TRUE) {
  f <- as.formula(formula)
  m <- lmer(f, data = d, REML = REML)
  t <- lmer(f, data = d, REML = REML, start = getME(m, "theta"),
            control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5)))
  crit <- function(x) if (REML) REMLcrit(x) else deviance(x)
  if (crit(t) < crit(m) - 1e-10 * abs(crit(m))) t else m
}

case <- function(id, file, formula, kr = TRUE, comparisons = list(), REML = TRUE) {
  d <- read_as_jmixed(file)
  m <- fit_tight(formula, d, REML)
  res <- list(id = id, data = basename(file), formula = formula, reml = REML,
              lmerTest_version = as.character(packageVersion("lmerTest")),
              pbkrtest_version = as.character(packageVersion("pbkrtest")),
              theta = unname(getME(m, "theta")), sigma = sigma(m),
              satterthwaite = list(coef = coef_rows(summary(m, ddf = "Satterthwaite")),
                                   anova = anova_rows(anova(m, type = 3, ddf = "Satterthwaite"))))
  if (kr) {
    va <- as.matrix(vcovAdj(m))
    res$kenwardRoger <- list(coef = coef_rows(summary(m, ddf = "Kenward-Roger")),
                             anova = anova_rows(anova(m, type = 3, ddf = "Kenward-Roger")),
                             vcovAdj = unname(split(va, col(va))))
    res$comparisons <- lapply(comparisons, function(small) {
      m0 <- fit_tight(small, d)
      t <- KRmodcomp(m, m0)$test
      list(larger = formula, smaller = small, F = t["Ftest", "stat"], ndf = t["Ftest", "ndf"],
           ddf = t["Ftest", "ddf"], scaling = t["Ftest", "F.scaling"], p = t["Ftest", "p.value"],
           FU = t["FtestU", "stat"], pU = t["FtestU", "p.value"])
    })
  }
  write_json(res, file.path(out, paste0(id, ".json")), digits = NA, auto_unbox = TRUE, pretty = TRUE)
  cat(id, "done\n")
}

f <- function(name) file.path(data_dir, name)
case("sleepstudy_slopes", f("sleepstudy.csv"), "Reaction ~ Days + (Days | Subject)",
     comparisons = list("Reaction ~ 1 + (Days | Subject)"))
# Satterthwaite also for ML fits (the deviance, not the REML criterion, is differentiated).
case("sleepstudy_ml", f("sleepstudy.csv"), "Reaction ~ Days + (Days | Subject)", kr = FALSE, REML = FALSE)
case("orthodont_ml", f("Orthodont.csv"), "distance ~ age * Sex + (1 | Subject)", kr = FALSE, REML = FALSE)
case("irrigation_split_plot", f("irrigation.csv"), "yield ~ irrigation * variety + (1 | field)",
     comparisons = list("yield ~ irrigation + variety + (1 | field)"))
case("irrigation_additive", f("irrigation.csv"), "yield ~ irrigation + variety + (1 | field)",
     comparisons = list("yield ~ irrigation + (1 | field)", "yield ~ variety + (1 | field)"))
case("orthodont_sex_age", f("Orthodont.csv"), "distance ~ age * Sex + (1 | Subject)",
     comparisons = list("distance ~ age + Sex + (1 | Subject)"))
case("orthodont_slopes", f("Orthodont.csv"), "distance ~ age * Sex + (age | Subject)")
case("cake_numeric_temp", f("cake.csv"), "angle ~ recipe * temp + (1 | recipe:replicate)",
     comparisons = list("angle ~ recipe + temp + (1 | recipe:replicate)"))
case("penicillin_crossed", f("Penicillin.csv"), "diameter ~ 1 + (1 | plate) + (1 | sample)")
# A singular fit (the batch variance is estimated as zero): Kenward-Roger without Λ⁻¹.
case("dyestuff2_singular", f("Dyestuff2.csv"), "Yield ~ 1 + (1 | Batch)")
case("pastes_nested", f("Pastes.csv"), "strength ~ 1 + (1 | batch/cask)")

cake <- read.csv(f("cake.csv"), stringsAsFactors = FALSE)
unb <- write_csv(cake[seq_len(nrow(cake)) %% 7 != 3, ], "cake_unbalanced.csv")
case("cake_unbalanced", unb, "angle ~ recipe * factor(temperature) + (1 | recipe:replicate)",
     comparisons = list("angle ~ recipe + factor(temperature) + (1 | recipe:replicate)"))

# A missing cell (no plot of irrigation i4 with variety v2): an aliased interaction column.
irr <- read.csv(f("irrigation.csv"), stringsAsFactors = FALSE)
miss <- write_csv(irr[!(irr$irrigation == "i4" & irr$variety == "v2"), ], "irrigation_missing_cell.csv")
case("irrigation_missing_cell", miss, "yield ~ irrigation * variety + (1 | field)")

ie <- read.csv(f("InstEval.csv"), stringsAsFactors = FALSE)
sub <- write_csv(ie[1:1000, ], "insteval_subset.csv")
case("insteval_subset_crossed", sub, "y ~ service * studage + (1 | s) + (1 | d)")
