namespace Chokepoint.Core.Values;

/// <summary>A value type that is stored and sent as one primitive (text or a number). The database layer binds
/// <see cref="Primitive"/>, so a value passed as a parameter is never handed to a driver that does not know it.</summary>
public interface IDomainValue
{
    object Primitive { get; }
}
