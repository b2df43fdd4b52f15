namespace Chokepoint.Storage;

/// <summary>The database cannot be opened or reached; the message names which one, without its password.</summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner);
