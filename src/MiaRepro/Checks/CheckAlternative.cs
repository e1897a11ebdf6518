namespace MiaRepro.Checks;

/// <summary>What a near or within check must be told apart from (issue 38's A): the nearest value the paper contrasts its
/// value with — chance plus the smallest leak that matters, the undefended value, the neighbouring row — and its source.</summary>
public sealed class CheckAlternative
{
    public double Value { get; set; }
    public string Source { get; set; } = "";
}
