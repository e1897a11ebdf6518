using System.Security.Cryptography;
using MiaRepro.Models;

namespace MiaRepro.Training;

/// <summary>
/// What determines one trained model; <see cref="Key"/> names it in the model store. Later settings (DP-SGD, …) are added
/// as fields whose default (null, 0, false) means "as before": <see cref="JobKey"/> leaves defaults out, so models stored
/// before the field existed keep their keys.
/// </summary>
public sealed record TrainingJob
{
    public required string DatasetSha256 { get; init; }

    /// <summary><see cref="Data.SplitManifest.Hash"/> of the split <see cref="Members"/> names a part of; null when the
    /// members name their examples themselves (a shadow's draw).</summary>
    public string? SplitHash { get; init; }

    /// <summary>The examples it is trained on: a part of the split ("members"), or <see cref="Examples"/> of a draw.</summary>
    public required string Members { get; init; }

    /// <summary>What the history's test accuracy is measured on, in the same forms as <see cref="Members"/>.</summary>
    public string? NonMembers { get; init; }

    public required ModelSpec Model { get; init; }

    /// <summary>Optimizer, epochs, L2 (a sweep's λ included), preprocessing, ….</summary>
    public required TrainingSpec Training { get; init; }

    public int Seed { get; init; }

    /// <summary>Set for a distilled student: fitted to this teacher's soft labels instead of the labels.</summary>
    public DistillationTeacher? Teacher { get; init; }

    /// <summary>Set for a privacy audit's run: the gradient canaries it trains with (<see cref="DpSgd.GradientCanaries"/>).</summary>
    public CanaryJob? Canaries { get; init; }

    /// <summary>The job's key (a method, not a property: the key must not hash itself).</summary>
    public string Key() => JobKey.Of(this);

    /// <summary>"source:hash" naming examples drawn by index from a dataset part (train, test, all).</summary>
    public static string Examples(string source, long[] indices)
    {
        var bytes = new byte[indices.Length * sizeof(long)];
        Buffer.BlockCopy(indices, 0, bytes, 0, bytes.Length);
        return $"{source}:{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}";
    }
}
