using MiaRepro.Outputs;

namespace MiaRepro.Tests.Outputs;

/// <summary>Small, deterministic outputs for the store tests: 5 examples, plain + mirror, 3 classes.</summary>
internal static class OutputsSamples
{
    public const string DatasetSha = "d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0";
    public const string SplitSha = "5151515151515151515151515151515151515151515151515151515151515151";

    public static readonly OutputProvenance Provenance = new("cpu", "2.10.0", "abc1234", new DateTime(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc));

    /// <summary>Logits that differ per example, view and class (and by <paramref name="offset"/> between versions).</summary>
    public static ModelOutputs Make(string key = "shadow-0", int n = 5, float offset = 0f)
    {
        const int a = 2, c = 3;
        var logits = new float[n * a * c];
        for (var i = 0; i < logits.Length; i++) logits[i] = offset + (i % 7) * 0.25f - (i % 3) * 1.5f;
        var labels = Enumerable.Range(0, n).Select(i => (long)(i % c)).ToArray();
        return new ModelOutputs(key, "train+test", logits, c, labels, ["plain", "mirror"]);
    }
}
