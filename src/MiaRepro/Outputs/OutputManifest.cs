using MiaRepro.IO;
using System.Text.Json;

namespace MiaRepro.Outputs;

/// <summary>
/// manifest.json beside a model's .npy files: what they were made from (dataset and split hashes), their shapes and
/// hashes, and provenance, so a reader can refuse outputs from another experiment or code version.
/// </summary>
public sealed record OutputManifest(
    string FormatVersion,
    string ModelKey,
    string DatasetSha256,
    string SplitManifestSha256,
    string Pool,
    IReadOnlyList<string> Augmentations,
    IReadOnlyDictionary<string, OutputFileEntry> Files,
    OutputProvenance Provenance)
{
    /// <summary>Bumped whenever the layout or meaning of the files changes; older stores are then refused, not misread.</summary>
    public const string CurrentFormatVersion = "outputs-v1";

    public const string FileName = "manifest.json";

    public string ToJson() => JsonSerializer.Serialize(this, JsonFormat.Indented);

    /// <summary>Parses manifest.json; a file that is not one throws naming it and the fix.</summary>
    public static OutputManifest Load(string path)
    {
        if (!File.Exists(path)) throw new OutputStoreException($"{path} is missing, so the outputs beside it cannot be trusted; {Npy.Fix}.");
        try
        {
            var manifest = JsonSerializer.Deserialize<OutputManifest>(File.ReadAllText(path), JsonFormat.Indented);
            // System.Text.Json leaves absent members null whatever the nullability says.
            if (manifest?.FormatVersion is null || manifest.Files is null || manifest.Augmentations is null || manifest.Provenance is null)
                throw new OutputStoreException($"{path} lacks formatVersion, files, augmentations or provenance; {Npy.Fix}.");
            return manifest;
        }
        catch (JsonException e)
        {
            throw new OutputStoreException($"{path} is not a valid output manifest ({e.Message}); {Npy.Fix}.");
        }
    }
}
