using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace MiaRepro.Experiments;

/// <summary>
/// Reads experiments/&lt;paper&gt;/&lt;claim&gt;.json. A file may <c>"extends"</c> a shared base in its folder, or a list of
/// them layered in order (files starting with "_" are bases, not claims). Layers, later wins, objects merge and arrays replace:
/// base → claim → variant (<c>variants:&lt;name&gt;</c>) → profile (<c>profiles:&lt;name&gt;</c>) → the profile's own layer
/// for the variant (<c>profiles:&lt;name&gt;:variants:&lt;variant&gt;</c>) → overrides from configuration
/// (<c>Override:training:epochs=3</c>, e.g. env MIAREPRO_Override__training__epochs; a value that parses as JSON is used as
/// such and replaces the whole key, so <c>Override:lambdas=[0,0.01]</c> replaces the list). Binding rejects unknown keys.
/// <c>Variants=a,b</c> (MIAREPRO_VARIANTS, --variants) keeps only those variants: a probe or a shard of a long sweep.
/// </summary>
public static class ExperimentLoader
{
    public static IReadOnlyList<string> Discover(string experimentsDir) =>
        Directory.Exists(experimentsDir)
            ? Directory.EnumerateFiles(experimentsDir, "*.json", SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).StartsWith('_')).Order(StringComparer.Ordinal).ToList()
            : throw new ExperimentException($"Experiments folder '{experimentsDir}' does not exist. Run from the repository or set MIAREPRO_ROOT.");

    /// <summary>The claim's variants (one, "default", when it has none), each fully resolved for <paramref name="profile"/>.</summary>
    public static IReadOnlyList<ExperimentSpec> Load(string path, string profile, IConfiguration? overrides = null)
    {
        var root = Merged(path);
        var variants = root["variants"] as JsonObject;
        var profiles = root["profiles"] as JsonObject;
        root.Remove("variants");
        root.Remove("profiles");
        if (profiles is null || profiles[profile] is not JsonObject profileLayer)
            throw new ExperimentException(
                $"{path}: no profile '{profile}' (key profiles:{profile}). It has: {string.Join(", ", profiles?.Select(p => p.Key) ?? [])}.");

        var names = variants?.Select(v => v.Key).ToList() ?? ["default"];
        var allNames = names;
        if (VariantFilter(overrides) is { } only)
        {
            var unknown = only.Except(names).ToList();
            if (unknown.Count > 0)
                throw new ExperimentException(
                    $"{path}: no variant {string.Join(", ", unknown.Select(u => $"'{u}'"))} (key Variants / MIAREPRO_VARIANTS). It has: {string.Join(", ", names)}.");
            names = names.Where(only.Contains).ToList();
        }
        return names.Select(name =>
        {
            var node = root.DeepClone().AsObject();
            if (variants?[name] is JsonObject variantLayer) Merge(node, variantLayer);
            var profileNode = profileLayer.DeepClone().AsObject();
            var profileVariants = profileNode["variants"] as JsonObject;   // a profile may scale each variant differently
            profileNode.Remove("variants");
            Merge(node, profileNode);
            if (profileVariants?[name] is JsonObject profileVariantLayer) Merge(node, profileVariantLayer);
            ApplyOverrides(node, overrides);
            var spec = Bind(path, node);
            spec.Profile = profile;
            spec.Variant = name;
            Validate(path, spec);
            ValidateChecks(path, spec, allNames);
            return spec;
        }).ToList();
    }

    /// <summary>Each check's keys; a check naming a variant the claim lacks is a typo, not a row that was not run.</summary>
    static void ValidateChecks(string path, ExperimentSpec spec, IReadOnlyList<string> variantNames)
    {
        try
        {
            for (var i = 0; i < spec.Checks.Count; i++) spec.Checks[i].Validate($"checks:{i}", variantNames);
            if (spec.Asserted && spec.Checks.Count == 0) throw new ArgumentException("checks is empty: list what the claim asserts, or set asserted: false with checkWhy saying why.");
            // Every judged check says what it must fail on, or why nothing measured must fail it.
            if (spec.Asserted && spec.Checks.Select((c, i) => (c, i)).FirstOrDefault(x => x.c.Type != "measured" && x.c.Control is null) is { c: not null } bare)
                throw new ArgumentException($"checks:{bare.i}:control is required: an input on which '{bare.c.What}' must fail (of: facets to replace, measured on the same " +
                                            "evaluation set), or none: why no measured input must fail it — so that its passing means something.");
        }
        catch (ArgumentException e)
        {
            throw new ExperimentException($"{path} (profile {spec.Profile}): {e.Message}", e);
        }
    }

    static JsonObject Merged(string path)
    {
        var node = Parse(path);
        if (node["extends"] is not { } extends) return node;
        node.Remove("extends");
        // One base, or a list layered in order: a dataset's base, then a design shared across datasets (one sweep's variants and checks).
        var names = extends is JsonArray list ? list.Select(n => n?.GetValue<string>()) : [extends.GetValue<string>()];
        JsonObject? merged = null;
        foreach (var name in names)
        {
            var basePath = Path.Combine(Path.GetDirectoryName(path)!, name ?? "");
            if (name is null || !File.Exists(basePath)) throw new ExperimentException($"{path}: key extends names '{basePath}', which does not exist.");
            var layer = Merged(basePath);
            if (merged is null) merged = layer;
            else Merge(merged, layer);
        }
        if (merged is null) throw new ExperimentException($"{path}: key extends is an empty list; name a base (\"_base.json\") or remove the key.");
        Merge(merged, node);
        return merged;
    }

    static JsonObject Parse(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: new() { CommentHandling = JsonCommentHandling.Skip }) as JsonObject
                   ?? throw new ExperimentException($"{path}: the top level must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ExperimentException($"{path}: malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine}: {e.Message}", e);
        }
        catch (FileNotFoundException e)
        {
            throw new ExperimentException($"Experiment file '{path}' does not exist. `miarepro list` shows the claims.", e);
        }
    }

    /// <summary>Objects merge key by key; anything else (arrays included) replaces.</summary>
    static void Merge(JsonObject target, JsonObject layer)
    {
        foreach (var (key, value) in layer)
        {
            if (value is JsonObject obj && target[key] is JsonObject existing) Merge(existing, obj);
            else target[key] = value?.DeepClone();
        }
    }

    /// <summary>The variants named by <c>Variants</c> (comma-separated), or null for all.</summary>
    public static IReadOnlyList<string>? VariantFilter(IConfiguration? configuration)
    {
        if (configuration?["VARIANTS"] is not { Length: > 0 } raw) return null;
        var names = raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return names.Length > 0 ? names
            : throw new ExperimentException($"Variants='{raw}' (MIAREPRO_VARIANTS, --variants) names no variant: give a comma-separated list, e.g. --variants ds15000.");
    }

    /// <summary>The overrides in force (key → raw value), for run.json.</summary>
    public static IReadOnlyDictionary<string, string> Overrides(IConfiguration? configuration) =>
        configuration?.GetSection("Override").AsEnumerable(makePathsRelative: true).Where(kv => kv.Value is not null)
            .ToDictionary(kv => kv.Key, kv => kv.Value!) ?? new Dictionary<string, string>();

    static void ApplyOverrides(JsonObject node, IConfiguration? configuration)
    {
        foreach (var (key, raw) in Overrides(configuration))
        {
            var parts = key.Split(':');
            var target = node;
            foreach (var part in parts[..^1])
            {
                if (target[part] is not JsonObject child) target[part] = child = new JsonObject();
                target = child;
            }
            JsonNode? value;
            try { value = JsonNode.Parse(raw); }
            catch (JsonException) { value = JsonValue.Create(raw); }
            target[parts[^1]] = value;
        }
    }

    static ExperimentSpec Bind(string path, JsonObject node)
    {
        var config = new ConfigurationBuilder().AddJsonStream(new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(node))).Build();
        var spec = new ExperimentSpec();
        try
        {
            config.Bind(spec, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            throw new ExperimentException($"{path}: {e.Message} Check the key's spelling against ExperimentSpec (docs/reference.md#experiment-files).", e);
        }
        return spec;
    }

    static void Validate(string path, ExperimentSpec spec)
    {
        try
        {
            if (spec.Paper.Length == 0) throw new ArgumentException("key paper is missing.");
            if (spec.Claim.Length == 0) throw new ArgumentException("key claim is missing.");
            if (spec.TestName.Length == 0) throw new ArgumentException("key testName is missing.");
            ClaimKinds.Get(spec.Kind).Validate(spec);
            if (spec.Seeds.Length == 0) throw new ArgumentException("seeds must list at least one seed.");
            if (spec.Split.Count == 0) throw new ArgumentException("split must name at least one part.");
            foreach (var (name, part) in spec.Split)
            {
                if (!Data.Dataset.PartNames.Contains(part.From)) throw new ArgumentException($"split:{name}:from '{part.From}' is unknown: use \"train\", \"test\" or \"all\".");
                if (part.Size < 1) throw new ArgumentException($"split:{name}:size must be ≥ 1, not {part.Size}.");
            }
            if (spec.Seeds.Distinct().Count() != spec.Seeds.Length) throw new ArgumentException("seeds must be distinct.");
            spec.Training.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ExperimentException($"{path} (profile {spec.Profile}, variant {spec.Variant}): {e.Message}", e);
        }
    }
}
