using MiaRepro.Checks;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MiaRepro.Experiments;

/// <summary>
/// What a claim's snapshot pins: the parts of a run that are the same on every machine — the split manifest (seeded
/// C# draws: a hash of split.json), the models it needed, and each check line's verdict. Trained accuracies are not
/// in it: SGD amplifies the last-bit differences between CPUs' kernels (the same commit and libtorch on an AVX2 AMD EPYC
/// moved smoke accuracies by up to 5 points from the machine the first snapshots came from), so a number snapshot holds on one machine only; the claim's own
/// seed-variance tolerances judge the numbers, and the attack code is pinned by the golden unit tests.
/// </summary>
public static class ClaimDigest
{
    public static object Of(ClaimOutcome outcome, string splitJson, RunInfo run) => new
    {
        split = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(splitJson)))[..16],
        models = run.ModelsTrained + run.ModelsFromCache,
        checks = outcome.Lines.Select(l => new { l.Variant, l.What, l.Verdict }),
    };
}
