using MiaRepro.Checks;
using MiaRepro.Data;
using MiaRepro.Models;
using MiaRepro.Training;

namespace MiaRepro.Experiments;

/// <summary>
/// One paper claim as data (experiments/&lt;paper&gt;/&lt;claim&gt;.json, after the profile's and the variant's overlays):
/// what to train, on what, what to measure, the paper's values and the tolerance with its justification.
/// </summary>
public sealed class ExperimentSpec
{
    public string Paper { get; set; } = "";
    public string Claim { get; set; } = "";
    /// <summary>NUnit test name, e.g. Bindila2021_L2ClosesGap.</summary>
    public string TestName { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>Where the claim and the settings come from (table, figure, code at a commit).</summary>
    public string Source { get; set; } = "";
    /// <summary>The experiment family the runner executes: "l2-sweep" (train/test accuracy over λ), "kde-leak"
    /// (Bîndilă et al.'s data-leak KDE attack on the l2-sweep's targets) or "shadow-attack" (a target, shadow models and
    /// black-box attacks on it: Irolla 2019, Preeti &amp; Khan 2022) or "defense-matrix" (every defense against every attack
    /// on the l2-sweep's undefended target) or "lira" (Carlini et al.'s many-model attacks on balanced random halves of a pool) or "dp-audit" (a one-run privacy
    /// audit of DP-SGD with gradient canaries).</summary>
    public string Kind { get; set; } = "";
    public string Dataset { get; set; } = "";
    public int SplitSeed { get; set; }
    public Dictionary<string, SplitPart> Split { get; set; } = new();
    public ModelSpec Model { get; set; } = new();
    public TrainingSpec Training { get; set; } = new();
    public int[] Seeds { get; set; } = [];   // empty: the binder appends to a non-empty default
    /// <summary>l2-sweep: the λ values, 0 = no regularization.</summary>
    public double[] Lambdas { get; set; } = [];
    /// <summary>kde-leak: the attack's settings.</summary>
    public KdeLeak.KdeLeakSpec Attack { get; set; } = new();
    /// <summary>shadow-attack: the shadow models.</summary>
    public ShadowAttack.ShadowSpec Shadows { get; set; } = new();
    /// <summary>shadow-attack: which attacks, and how the shadow-model attack is built.</summary>
    public ShadowAttack.ShadowAttackSpec ShadowAttack { get; set; } = new();
    /// <summary>shadow-attack: the evaluation set drawn from the target's split.</summary>
    public ShadowAttack.EvaluationSpec Evaluation { get; set; } = new();
    /// <summary>defense-matrix: the defenses and attacks.</summary>
    public DefenseMatrix.DefenseMatrixSpec DefenseMatrix { get; set; } = new();
    /// <summary>lira: the models, query views and reference counts of Carlini et al.'s many-model attacks.</summary>
    public Lira.LiraSpec Lira { get; set; } = new();
    /// <summary>dp-audit: the canaries and guesses of a one-run privacy audit of DP-SGD.</summary>
    public DpAudit.DpAuditSpec Audit { get; set; } = new();
    /// <summary>What the claim asserts, statement by statement, in the one check language (<see cref="Checks.Check"/>).</summary>
    public List<Checks.Check> Checks { get; set; } = new();
    /// <summary>Why these bands (seed spread measured, paper precision…), and why a profile asserts nothing.</summary>
    public string CheckWhy { get; set; } = "";
    /// <summary>false: this profile evaluates the checks and records what they read, but asserts nothing (CheckWhy says why).</summary>
    public bool Asserted { get; set; } = true;
    /// <summary>The paper's numbers, row by row, with the table they come from.</summary>
    public List<PaperValue> PaperValues { get; set; } = new();
    /// <summary>Non-empty for a claim no paper makes — the project's own hypothesis: which paper it extends and why it is
    /// asked. The report shows extensions in their own section, never as a paper's result.</summary>
    public string Extension { get; set; } = "";
    /// <summary>Where this profile departs from the paper's settings (in any profile), one line each: labelled in run.json
    /// and the report as a scale-down, not only in notes.</summary>
    public string[] ScaleDowns { get; set; } = [];
    /// <summary>Free-form notes kept with the results (settings the paper leaves open and how they were chosen).</summary>
    public string Notes { get; set; } = "";

    /// <summary>Filled by the loader: profile and variant names.</summary>
    public string Profile { get; set; } = "";
    public string Variant { get; set; } = "";

    /// <summary>This claim's checks judged on <paramref name="rows"/> (a run's own, or a stored table).</summary>
    public ClaimOutcome Judge(IReadOnlyList<MiaRepro.Measurements.Measurement> rows) => CheckEvaluator.Evaluate(Checks, Asserted, CheckWhy, Profile, rows);
}

/// <summary>One number the paper reports.</summary>
public sealed class PaperValue
{
    public string Row { get; set; } = "";
    public double Lambda { get; set; }
    public string Metric { get; set; } = "";
    public double Value { get; set; }
}
