namespace MiaRepro.Training;

/// <summary>What a privacy audit's canaries add to a training job's identity: how many, where (the parameter and a hash
/// of their coordinates) and which are included (a hash of the mask), so two audits never share a stored model.</summary>
public sealed record CanaryJob(string Type, int Count, int Parameter, string Coordinates, string Included);
