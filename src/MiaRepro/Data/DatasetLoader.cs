namespace MiaRepro.Data;

/// <summary>Loads a dataset by name, once per process and data root (CIFAR-10 is 180 MB; every claim shares it).</summary>
public static class DatasetLoader
{
    static readonly Dictionary<(string, string), Dataset> Loaded = new();
    static readonly object Gate = new();

    public static Dataset Load(string name, string dataRoot)
    {
        var key = (name, Path.GetFullPath(dataRoot));
        lock (Gate)
        {
            if (Loaded.TryGetValue(key, out var cached)) return cached;
            DatasetCatalog.Get(name);   // an unknown name is the first thing to report
            if (!Directory.Exists(dataRoot))
                throw new DatasetException(
                    $"Data root '{Path.GetFullPath(dataRoot)}' does not exist. Set MIAREPRO_DATA (or MiaRepro:Data) to the folder holding the datasets, " +
                    $"or run `miarepro data download {name}` to fill the default one.");
            var dataset = name switch
            {
                "cifar10" => Cifar.LoadCifar10(dataRoot),
                "cifar100" => Cifar.LoadCifar100(dataRoot),
                "mnist" => Idx.LoadMnist(dataRoot),
                "fashion-mnist" => Idx.LoadFashionMnist(dataRoot),
                "adult" => Adult.Load(dataRoot),
                "purchase100" => Purchase100.Load(dataRoot),
                "texas100" => Texas100.Load(dataRoot),
                _ => throw new ArgumentException($"Unknown dataset '{name}'. Known: {string.Join(", ", DatasetCatalog.All.Select(d => d.Name))}."),
            };
            Loaded[key] = dataset;
            return dataset;
        }
    }
}
