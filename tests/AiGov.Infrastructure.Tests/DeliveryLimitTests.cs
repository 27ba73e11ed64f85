using AiGov.Infrastructure.Messaging;
using Xunit;

namespace AiGov.Infrastructure.Tests;

/// <summary>Issue #19 point 4: a message whose consumer dies on it again and again ends as poison.</summary>
public sealed class DeliveryLimitTests
{
    [Theory]
    [InlineData(false, 0, DeliveryDecision.Work, 0)]
    [InlineData(false, 2, DeliveryDecision.Work, 2)]
    [InlineData(true, 0, DeliveryDecision.PutBackCounted, 1)]
    [InlineData(true, 1, DeliveryDecision.PutBackCounted, 2)]
    [InlineData(true, 2, DeliveryDecision.Poison, 3)]
    [InlineData(true, 7, DeliveryDecision.Poison, 8)]
    public void A_delivery_is_worked_on_put_back_with_its_count_or_poison(bool redelivered, int carried, DeliveryDecision expected, int count)
    {
        Assert.Equal((expected, count), DeliveryLimit.Decide(redelivered, carried));
    }

    [Fact]
    public void A_message_whose_process_dies_on_it_every_time_is_worked_on_three_times_then_is_poison()
    {
        // Each round: the message is delivered; if it is worked on, the process dies, and RabbitMQ redelivers it.
        var carried = 0;
        var redelivered = false;
        var workedOn = 0;
        for (var delivery = 0; delivery < 20; delivery++)
        {
            var (decision, count) = DeliveryLimit.Decide(redelivered, carried);
            if (decision == DeliveryDecision.Poison)
            {
                Assert.Equal(DeliveryLimit.MaxDeliveriesWithoutOutcome, workedOn);
                return;
            }
            if (decision == DeliveryDecision.Work)
            {
                workedOn++;
                redelivered = true;
            }
            else
            {
                // The counted copy is a new message: its first delivery is not a redelivery.
                carried = count;
                redelivered = false;
            }
        }
        Assert.Fail("the message never became poison");
    }

    [Fact]
    public void The_poison_reason_starts_with_its_code_and_says_what_to_do()
    {
        var poison = new PoisonMessageException(3);

        Assert.StartsWith("poison: the message was delivered 3 times", poison.Message);
        Assert.Contains("replay", poison.Message);
        Assert.False(TransientFailures.IsTransient(poison));
    }
}
