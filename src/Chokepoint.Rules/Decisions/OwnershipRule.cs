namespace Chokepoint.Rules.Decisions;

/// <summary>
/// The OFAC 50 % rule over the shipment's ownership graph: an entity is blocked when blocked persons own 50 % or more
/// of it in aggregate, directly or indirectly. A blocked owner's share counts in full, and an entity blocked that way
/// blocks what it owns in turn. Blocked persons are those confirmed on a list whose consequence is US-SDN-PARTY.
/// </summary>
internal static class OwnershipRule
{
    public static void Compute(Evaluation ev)
    {
        if (ev.Shipment.Ownership is not { Count: > 0 } links) return;
        var listed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (party, hits) in ev.Screened) if (hits.Any(h => Sdn(ev, h))) listed.Add(party.Name);
        foreach (var (owner, hits) in ev.Owners) if (hits.Any(h => Sdn(ev, h))) listed.Add(owner);

        var memo = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        var visiting = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        decimal Share(string entity)
        {
            if (memo.TryGetValue(entity, out var known)) return known;
            if (!visiting.Add(entity)) return 0; // an ownership cycle adds nothing more
            var share = links.Where(l => string.Equals(l.Owned, entity, StringComparison.OrdinalIgnoreCase) && Blocked(l.Owner)).Sum(l => l.Share);
            visiting.Remove(entity);
            return memo[entity] = Math.Min(share, 1m);
        }
        bool Blocked(string entity) => listed.Contains(entity) || Share(entity) >= 0.5m;

        foreach (var p in ev.Shipment.Parties)
        {
            var share = Share(p.Name);
            if (share > 0) ev.BlockedOwnership[p.Name] = share;
        }
    }

    private static bool Sdn(Evaluation ev, PartyHit hit) =>
        hit.Confirmed && ev.Rules.ListConsequences(hit.List, hit.SourceList, ev.Day).Any(c => c.Rule == "US-SDN-PARTY");
}
