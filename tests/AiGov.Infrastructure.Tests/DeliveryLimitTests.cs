using AiGov.Infrastructure.Messaging;
using Xunit;

namespace AiGov.Infrastructure.Tests;

public class DeliveryLimitTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(5, true)]
    public void A_message_is_poison_after_its_third_delivery_without_an_outcome(int earlierAloneDeliveries, bool poison) =>
        Assert.Equal(poison, DeliveryLimit.IsPoison(earlierAloneDeliveries));
}
