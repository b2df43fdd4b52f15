using Chokepoint.Sources.Snapshots;
using Chokepoint.Storage;

namespace Chokepoint.Tests.Support;

/// <summary>A fresh store of either kind with an importer on it, and the scratch folder it lives in.</summary>
public sealed class TestStore : IAsyncDisposable
{
    private TestStore(Scratch scratch, ISnapshotStore store)
    {
        Scratch = scratch;
        Store = store;
        Importer = new SnapshotImporter(store, TimeProvider.System);
    }

    public Scratch Scratch { get; }
    public ISnapshotStore Store { get; }
    public SnapshotImporter Importer { get; }

    public static async Task<TestStore> CreateAsync(string backend)
    {
        var scratch = new Scratch();
        var (store, _) = await Stores.CreateAsync(backend, scratch);
        return new TestStore(scratch, store);
    }

    /// <summary>Imports one real file from ../shared/data with default options.</summary>
    public Task<ImportResult> ImportAsync(string relative, ImportOptions? options = null) =>
        Importer.ImportAsync(TestData.File(relative), options ?? new ImportOptions(), null, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Scratch.Dispose();
    }
}
