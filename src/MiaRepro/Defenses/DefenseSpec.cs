namespace MiaRepro.Defenses;

/// <summary>
/// One row of the defense × attack matrix. <see cref="Name"/>: "none" (the undefended target), "l2" (trained with
/// <see cref="Lambda"/>, the sweep's L2 mode), "distillation" (a student trained on the undefended target's soft labels
/// at <see cref="Temperature"/>), or an output defense on the undefended target: "top-k" (<see cref="K"/>), "rounding"
/// (<see cref="Decimals"/>), "label-only".
/// </summary>
public sealed class DefenseSpec
{
    public string Name { get; set; } = "";
    public double Lambda { get; set; }
    public int K { get; set; }
    public int Decimals { get; set; }
    public double Temperature { get; set; }

    public static readonly string[] Names = ["none", "l2", "distillation", "top-k", "rounding", "label-only"];

    /// <summary>The row's label in tables and plots, with its parameter.</summary>
    public string Label => Name switch
    {
        "l2" => $"L2 λ={Lambda:G}",
        "distillation" => $"distillation T={Temperature:G}",
        "top-k" => $"top-{K}",
        "rounding" => $"rounding {Decimals}d",
        _ => Name,
    };

    /// <summary>The output defense this row applies to the undefended target's logits, or null for none, l2 and distillation.</summary>
    public OutputDefense? Output(int classes) => Name switch
    {
        "top-k" => new TopKMasking(K, classes),
        "rounding" => new OutputRounding(Decimals),
        "label-only" => new LabelOnly(),
        _ => null,
    };

    public void Validate(string key)
    {
        if (!Names.Contains(Name)) throw new ArgumentException($"{key}:name '{Name}' is unknown: use {string.Join(", ", Names)}.");
        if (Name == "l2" && !(Lambda > 0)) throw new ArgumentException($"{key}:lambda must be > 0 for an L2 defense, not {Lambda}.");
        if (Name == "distillation" && !(Temperature > 0)) throw new ArgumentException($"{key}:temperature must be > 0 for distillation, not {Temperature}.");
        if (Name == "top-k" && K < 1) throw new ArgumentException($"{key}:k must be ≥ 1 for top-k masking, not {K}.");
        if (Name == "rounding" && Decimals is < 0 or > 15) throw new ArgumentException($"{key}:decimals must be in 0..15 for rounding, not {Decimals}.");
    }
}
