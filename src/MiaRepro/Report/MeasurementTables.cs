using System.Globalization;
using System.Text;
using MiaRepro.Measurements;
using MiaRepro.Metrics;

namespace MiaRepro.Report;

/// <summary>The report's tables of a result's numbers, read from its measurement table (the stored stage), never from
/// metrics.json: a defense matrix per variant, and every variant × attack of a shadow-attack claim.</summary>
static class MeasurementTables
{
    /// <summary>One table per variant: advantage (AUC) per attack and defense, and each defense's utility.</summary>
    public static void DefenseMatrix(StringBuilder sb, IReadOnlyList<Measurement> rows)
    {
        foreach (var variant in rows.Select(r => r.Variant).Distinct())
        {
            var own = rows.Where(r => r.Variant == variant).ToList();
            var attacks = own.Where(r => r.Attack.Length > 0 && r.Attack != AllMemberAttack.Name).Select(r => r.Attack).Distinct().ToList();
            sb.AppendLine($"Defense × attack, {variant}: advantage TPR − FPR in % (AUC in %), held-out; utility = the released output's train/test accuracy.");
            sb.AppendLine();
            sb.AppendLine($"| defense | train / test acc | {string.Join(" | ", attacks)} |");
            sb.AppendLine($"|---|---|{string.Concat(attacks.Select(_ => "---|"))}");
            foreach (var defense in own.Where(r => r.Attack.Length == 0).Select(r => (r.Defense, Setting: r.Facets.OfSetting())).Distinct())
            {
                // A cell's rows carry the defense's facets and the attack's own (KDE's loss, leak, evaluation).
                var mine = own.Where(r => r.Defense == defense.Defense && defense.Setting.Names.All(f => r.Facets[f] == defense.Setting[f])).ToList();
                string Mean(string attack, string metric) =>
                    mine.Where(r => r.Attack == attack && r.Metric == metric).Select(r => r.Value).ToList() is { Count: > 0 } v ? v.Average().ToString("0.0", CultureInfo.InvariantCulture) : "n/a";
                var cells = attacks.Select(a => $"{Mean(a, "advantage")} ({Mean(a, "auc")})");
                sb.AppendLine($"| {Label(defense.Defense, defense.Setting)} | {Mean("", "train-accuracy")} / {Mean("", "test-accuracy")} | {string.Join(" | ", cells)} |");
            }
            sb.AppendLine();
        }
    }

    static readonly (string Header, string Metric, string Format)[] AttackColumns =
    [
        ("accuracy", "accuracy", "0.00"), ("precision", "precision", "0.00"), ("recall", "recall", "0.00"), ("F1", "f1", "0.000"),
        ("AUC", "auc", "0.00"), ("TPR at 1% FPR", MetricUnits.TprAtFpr(0.01), "0.00"),
    ];

    /// <summary>Every variant × attack (the all-member control left out), mean ± sd over seeds: a probe of some variants
    /// shows its numbers here even when the claim's check lines are about other variants.</summary>
    public static void Attacks(StringBuilder sb, IReadOnlyList<Measurement> rows)
    {
        string Stat(IEnumerable<Measurement> of, string metric, string format)
        {
            var values = of.Where(r => r.Metric == metric).Select(r => r.Value).ToList();
            if (values.Count == 0) return "";
            var stat = Metrics.Stat.Of(values);
            var mean = stat.Mean.ToString(format, CultureInfo.InvariantCulture);
            return values.Count > 1 ? $"{mean} ± {stat.Std.ToString(format, CultureInfo.InvariantCulture)}" : mean;
        }
        sb.AppendLine("Measured, mean ± sd over seeds (%, F1 as a fraction):");
        sb.AppendLine();
        sb.AppendLine($"| variant | target train / test | attack | {string.Join(" | ", AttackColumns.Select(c => c.Header))} |");
        sb.AppendLine($"|---|---|---|{string.Concat(AttackColumns.Select(_ => "---|"))}");
        foreach (var (variant, attack) in rows.Where(r => r.Attack.Length > 0 && r.Attack != AllMemberAttack.Name).Select(r => (r.Variant, r.Attack)).Distinct())
        {
            var target = rows.Where(r => r.Variant == variant && r.Attack.Length == 0).ToList();
            var mine = rows.Where(r => r.Variant == variant && r.Attack == attack).ToList();
            sb.AppendLine($"| {variant} | {Stat(target, "train-accuracy", "0.00")} / {Stat(target, "test-accuracy", "0.00")} | {attack} | " +
                          $"{string.Join(" | ", AttackColumns.Select(c => Stat(mine, c.Metric, c.Format)))} |");
        }
        sb.AppendLine();
    }

    /// <summary>"none", or a defense with its parameter: "top-k top=1", "l2 lambda=0.01".</summary>
    static string Label(string defense, FacetValues setting) => setting.Equals(FacetValues.None) ? defense : $"{defense} {setting}";
}
