using Chokepoint.Licensing.Applications;
using Chokepoint.Licensing.Audit;

namespace Chokepoint.Tests.Licensing;

public sealed class RetentionTests
{
    [Theory]
    [InlineData(4, false)]
    [InlineData(0, false)]
    [InlineData(5, true)]
    [InlineData(10, true)]
    public void Retention_is_never_shorter_than_five_years(int years, bool accepted)
    {
        var options = new LicensingOptions { RetentionYears = years };
        if (accepted) options.Validate();
        else Assert.Contains("5 years", Assert.Throws<ArgumentException>(options.Validate).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_chain_with_its_genesis_head_is_intact_and_a_head_without_events_is_not()
    {
        Assert.Empty(AuditChain.Verify([], (0, AuditChain.Genesis), AuditKeyRing.Default));
        Assert.NotEmpty(AuditChain.Verify([], (3, "abc"), AuditKeyRing.Default));
    }
}
