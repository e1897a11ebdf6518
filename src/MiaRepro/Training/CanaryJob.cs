namespace MiaRepro.Training;

/// <summary>What a privacy audit's canaries add to a training job's identity: how many, where (the parameter and a hash
/// of their coordinates) and which are included (a hash of the mask), so two audits never share a stored model.</summary>
/// <see cref="NormOverC"/>: the gradient canaries' norm in units of C before clipping; null = 1 (left out of the key, so
/// jobs keyed before it existed keep their keys).
public sealed record CanaryJob(string Type, int Count, int Parameter, string Coordinates, string Included, double? NormOverC = null);
