namespace Chokepoint.Storage;

/// <summary>The database could not be opened or used. <see cref="Busy"/> when it is only out of connections for now
/// (pool exhausted, "too many clients"): worth retrying shortly, which the server says with 503 and Retry-After.</summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner)
{
    public bool Busy { get; init; }
}
