namespace MiaRepro.Metrics;

/// <summary>
/// The 1-D Wasserstein-1 (earth mover's) distance between two empirical samples, as scipy.stats.wasserstein_distance:
/// W₁(u, v) = ∫ |F_u(t) − F_v(t)| dt, the area between the two empirical CDFs. Bîndilă et al. report it between the
/// known-member and private losses as a measure of how separable they are.
/// </summary>
public static class Wasserstein
{
    public static double Distance(IEnumerable<double> u, IEnumerable<double> v)
    {
        var a = Sorted(u, "first");
        var b = Sorted(v, "second");

        // Walk the merged sorted values; between consecutive values t_k < t_{k+1} both CDFs are constant.
        double total = 0;
        int i = 0, j = 0;
        double previous = Math.Min(a[0], b[0]);
        while (i < a.Length || j < b.Length)
        {
            double next = j >= b.Length || (i < a.Length && a[i] <= b[j]) ? a[i] : b[j];
            total += Math.Abs((double)i / a.Length - (double)j / b.Length) * (next - previous);
            while (i < a.Length && a[i] == next) i++;
            while (j < b.Length && b[j] == next) j++;
            previous = next;
        }
        return total;
    }

    static double[] Sorted(IEnumerable<double> values, string which)
    {
        var s = values.ToArray();
        if (s.Length == 0)
            throw new ArgumentException($"The {which} sample is empty: a Wasserstein distance needs at least one value on each side.");
        var bad = Array.FindIndex(s, x => !double.IsFinite(x));
        if (bad >= 0)
            throw new ArgumentException($"Value {bad} of the {which} sample is {s[bad]}: the Wasserstein distance needs finite values.");
        Array.Sort(s);
        return s;
    }
}
