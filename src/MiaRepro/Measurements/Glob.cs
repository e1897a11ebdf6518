using System.Text.RegularExpressions;

namespace MiaRepro.Measurements;

/// <summary>A check's text pattern: '*' stands for any run of characters, everything else for itself.</summary>
public static class Glob
{
    public static bool Matches(string value, string pattern) =>
        Regex.IsMatch(value, "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$");
}
