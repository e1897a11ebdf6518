namespace MiaRepro.Experiments.DpAudit;

/// <summary>
/// dp-audit: a one-run privacy audit (Steinke, Nasr &amp; Jagielski 2023) of DP-SGD (<c>training:dp</c>). Per seed, one
/// training run on the split's "members" with <see cref="Canaries"/> Dirac gradient canaries, each included with
/// probability ½; the auditor sees every step's noisy gradient (or only the final model), ranks the canaries by its
/// score, guesses "in" for the <see cref="Guesses"/> highest and "out" for as many lowest, and turns the correct guesses
/// into an ε lower bound at <see cref="Confidence"/>. k is fixed here, before any run, as the bound requires.
/// </summary>
public sealed class DpAuditSpec
{
    public const string MembersPart = "members";
    public const string NonMembersPart = "nonMembers";
    public const string CanariesPart = "canaries";
    public const string Gradient = "gradient";
    public const string Mislabelled = Training.DpSgd.InputCanaries.MislabelledKind;
    public const string OutOfDistribution = Training.DpSgd.InputCanaries.OutOfDistributionKind;
    public static readonly string[] CanaryTypes = [Gradient, Mislabelled, OutOfDistribution];

    /// <summary>"gradient": Dirac gradient canaries seen every step or in the final weights (the worst case);
    /// "mislabelled": the split's "canaries" part with wrong labels, and "out-of-distribution": noise inputs with drawn
    /// labels (<see cref="Training.DpSgd.InputCanaries"/>), each seen through the final model's loss (black box).</summary>
    public string Canary { get; set; } = Gradient;

    /// <summary>m, the canaries.</summary>
    public int Canaries { get; set; }

    /// <summary>k₊ = k₋: guesses on each side; the auditor abstains on the other m − 2k.</summary>
    public int Guesses { get; set; }

    /// <summary>1 − β of the lower bound.</summary>
    public double Confidence { get; set; } = 0.95;

    /// <summary>The gradient canaries' norm in units of C before clipping: 1 (the default) is exactly C; above 1 a
    /// correct DP-SGD clips them to C, so a run that skips clipping shows it.</summary>
    public double CanaryNorm { get; set; } = 1;

    /// <summary>R: many-run trials beside the one-run audits (0: none), each a training with one canary (a gradient canary,
    /// or the first input canary of one draw), in on even runs; a multiple of 4, and at least what a perfect attack needs
    /// for a bound above 0 at this confidence.</summary>
    public int ManyRuns { get; set; }

    public void Validate(ExperimentSpec spec)
    {
        foreach (var part in new[] { MembersPart, NonMembersPart })
            if (!spec.Split.ContainsKey(part))
                throw new ArgumentException($"split:{part} is missing: dp-audit trains on \"{MembersPart}\" and reports test accuracy on \"{NonMembersPart}\".");
        if (spec.Training.Dp is not { } dp)
            throw new ArgumentException("training:dp is missing: dp-audit audits a DP-SGD run (training:dp:noiseMultiplier, clipNorm, …).");
        if (dp.Epsilon is not null)
            throw new ArgumentException("training:dp:epsilon is set: dp-audit audits a run against the noise it claims, so give training:dp:noiseMultiplier instead.");
        if (dp.Sampling != "poisson")
            throw new ArgumentException($"training:dp:sampling is \"{dp.Sampling}\": gradient canaries join each step as Poisson-sampled members, so dp-audit needs \"poisson\".");
        if (!CanaryTypes.Contains(Canary))
            throw new ArgumentException($"audit:canary '{Canary}' is unknown: use {string.Join(", ", CanaryTypes.Select(t => $"\"{t}\""))}.");
        if (Canary == Mislabelled && (!spec.Split.TryGetValue(CanariesPart, out var canaryPart) || canaryPart.Size != Canaries))
            throw new ArgumentException($"split:{CanariesPart} must hold audit:canaries = {Canaries} examples: mislabelled canaries are that part's examples with wrong labels.");
        if (Canary == Gradient && spec.Model.Type != "Mlp")
            throw new ArgumentException($"model:type is \"{spec.Model.Type}\": dp-audit places its canaries on the first Linear layer's weights from inputs " +
                                        "that are 0 in every member (no member's gradient touches them), so it needs \"Mlp\".");
        if (Canary == Gradient && spec.Training.Preprocessing.Kind is not ("scale01" or "none"))
            throw new ArgumentException($"training:preprocessing:kind is \"{spec.Training.Preprocessing.Kind}\": dp-audit needs inputs that stay 0 where the data is 0 " +
                                        "(\"scale01\" or \"none\"); standardizing moves them off 0 and every member's gradient would reach the canaries.");
        if (!(CanaryNorm > 0) || double.IsInfinity(CanaryNorm))
            throw new ArgumentException($"audit:canaryNorm is {CanaryNorm}: use a finite norm > 0 in units of training:dp:clipNorm (1: exactly C).");
        if (Canary != Gradient && CanaryNorm != 1)
            throw new ArgumentException($"audit:canaryNorm is for gradient canaries only: leave it at 1 with audit:canary \"{Canary}\".");
        if (Canaries < 2)
            throw new ArgumentException($"audit:canaries is {Canaries}: a one-run audit needs at least 2 canaries (Steinke et al. use 1,000 and more).");
        if (Guesses < 1 || 2 * Guesses > Canaries)
            throw new ArgumentException($"audit:guesses is {Guesses}: guesses per side must be from 1 to audit:canaries / 2 = {Canaries / 2}.");
        if (!(Confidence > 0 && Confidence < 1))
            throw new ArgumentException($"audit:confidence is {Confidence}: use a level in (0, 1), e.g. 0.95.");
        if (ManyRuns != 0)
        {
            var needed = Metrics.ManyRunAudit.RunsNeeded(1 - Confidence, spec.Training.Dp.Delta);
            if (ManyRuns < 0 || ManyRuns % 4 != 0 || ManyRuns < needed)
                throw new ArgumentException($"audit:manyRuns is {ManyRuns}: use 0 (no many-run audit) or a multiple of 4 of at least {needed} — half the runs choose " +
                                            $"the threshold, and below {needed} even a perfect attack's Clopper–Pearson bound at {Confidence:P0} confidence is 0.");
        }
        if (spec.Seeds.Length == 0) throw new ArgumentException("seeds is empty: each seed is one audited training run.");
    }
}
