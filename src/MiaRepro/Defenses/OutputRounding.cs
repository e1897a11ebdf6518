using static TorchSharp.torch;

namespace MiaRepro.Defenses;

/// <summary>Rounds each released probability to <see cref="Decimals"/> decimals (IBM ART's Rounded postprocessor);
/// not renormalized, as released (rows sum to 1 within 10^-d per class). A true class rounded to 0 gets the attacker's
/// floor loss (<see cref="OutputDefense.Floor"/>).</summary>
public sealed class OutputRounding : OutputDefense
{
    public int Decimals { get; }

    public OutputRounding(int decimals)
    {
        if (decimals is < 0 or > 15)
            throw new ArgumentOutOfRangeException(nameof(decimals), decimals, $"Rounding keeps 0..15 decimals of a probability, not {decimals} (defenses:…:decimals).");
        Decimals = decimals;
    }

    public override string Name => $"rounding-{Decimals}";

    protected override Tensor ReleasedProbabilities(Tensor logits)
    {
        var scale = Math.Pow(10, Decimals);
        return (logits.softmax(1) * scale).round() / scale;
    }
}
