// Summarises the Lighthouse runs of bench/lighthouse/run.sh: the median score per category and the median metrics per
// page, each target met or missed (and by how much), written to bench/results/<date>-lighthouse.md and .json.
//   node bench/lighthouse/report.mjs <folder with lh-<page>-<run>.json> <commit> <page paths…>
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { cpus } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [folder, commit, ...pages] = process.argv.slice(2);
const results = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "results");

// Issue 9's quality targets, as Lighthouse scores (0–1).
const targets = [
  { id: "accessibility", label: "Accessibility", min: 1 },
  { id: "best-practices", label: "Best practices", min: 0.95 },
  { id: "seo", label: "SEO", min: 1 },
  { id: "performance", label: "Performance", min: 0.95 },
];
const metrics = [
  ["first-contentful-paint", "FCP"],
  ["largest-contentful-paint", "LCP"],
  ["total-blocking-time", "TBT"],
  ["cumulative-layout-shift", "CLS"],
  ["speed-index", "Speed Index"],
];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const nameOf = (page) => page.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "startseite";
const summary = pages.map((page) => {
  const prefix = `lh-${nameOf(page)}-`;
  const reports = readdirSync(folder)
    .filter((file) => file.startsWith(prefix) && file.endsWith(".json"))
    .map((file) => JSON.parse(readFileSync(path.join(folder, file), "utf8")));
  if (reports.length === 0) throw new Error(`No Lighthouse report for ${page}`);
  const scores = Object.fromEntries(targets.map((t) => [t.id, median(reports.map((r) => r.categories[t.id]?.score ?? 0))]));
  const values = Object.fromEntries(metrics.map(([id]) => [id, median(reports.map((r) => r.audits[id]?.numericValue ?? NaN))]));
  // What cost points in the median run's categories, so a miss names its cause.
  const losses = new Set();
  for (const report of reports) {
    for (const [categoryId, category] of Object.entries(report.categories)) {
      for (const ref of category.auditRefs) {
        const audit = report.audits[ref.id];
        if (ref.weight > 0 && typeof audit.score === "number" && audit.score < 1 && categoryId !== "performance") losses.add(`${categoryId}: ${audit.title}`);
      }
    }
  }
  return { page, runs: reports.length, scores, metrics: values, losses: [...losses], lighthouse: reports[0].lighthouseVersion, userAgent: reports[0].environment?.hostUserAgent };
});

const percent = (score) => Math.round(score * 100);
const formatMetric = (id, value) => (id === "cumulative-layout-shift" ? value.toFixed(3) : `${Math.round(value).toLocaleString("en")} ms`);
const date = new Date().toISOString().slice(0, 10);
const lines = [
  `# Lighthouse ${date}`,
  "",
  `Commit \`${commit}\`; Lighthouse ${summary[0].lighthouse}, default mobile settings (simulated slow 4G, 4× CPU slowdown);`,
  `${summary[0].runs} runs per page, medians; ${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}); published Release build on SQLite with the demo content,`,
  "warmed up with five requests per page. Command: `bench/lighthouse/run.sh`.",
  "",
  "## Scores",
  "",
  `| page | ${targets.map((t) => t.label).join(" | ")} |`,
  `|---|${targets.map(() => "---:").join("|")}|`,
  ...summary.map((s) => `| \`${s.page}\` | ${targets.map((t) => percent(s.scores[t.id])).join(" | ")} |`),
  "",
  "## Targets (issue 9)",
  "",
  "| page | target | median | result |",
  "|---|---|---:|---|",
];
let missed = 0;
for (const s of summary) {
  for (const t of targets) {
    const ok = s.scores[t.id] >= t.min;
    if (!ok) missed++;
    const goal = t.min === 1 ? "100" : `≥ ${percent(t.min)}`;
    lines.push(`| \`${s.page}\` | ${t.label} ${goal} | ${percent(s.scores[t.id])} | ${ok ? "met" : `**missed** by ${percent(t.min) - percent(s.scores[t.id])} points`} |`);
  }
}
lines.push("", "## Metrics (median)", "", `| page | ${metrics.map(([, label]) => label).join(" | ")} |`, `|---|${metrics.map(() => "---:").join("|")}|`);
lines.push(...summary.map((s) => `| \`${s.page}\` | ${metrics.map(([id]) => formatMetric(id, s.metrics[id])).join(" | ")} |`));
const losses = summary.flatMap((s) => s.losses.map((loss) => `- \`${s.page}\` ${loss}`));
if (losses.length > 0) lines.push("", "## Audits that cost points (any run)", "", ...losses);
lines.push("");

mkdirSync(results, { recursive: true });
writeFileSync(path.join(results, `${date}-lighthouse.md`), lines.join("\n"));
writeFileSync(path.join(results, `${date}-lighthouse.json`), JSON.stringify({ date, commit, pages: summary }, null, 2) + "\n");
console.log(lines.join("\n"));
process.exit(missed > 0 ? 1 : 0);
