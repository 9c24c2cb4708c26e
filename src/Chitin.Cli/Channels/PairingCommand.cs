namespace Chitin.Cli.Channels;

/// <summary><c>chitin pairing list|approve</c>: chat senders waiting for the owner's approval, kept in CHITIN_HOME/chitin.db.</summary>
public static class PairingCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var listJson = CommonOptions.Json("pending pairing requests");
        var list = new Command("list", "List unknown chat senders waiting for approval, with their pairing codes.") { listJson };
        list.SetAction((parse, _) => Task.FromResult(List(runtime, parse.GetValue(listJson))));

        var code = new Argument<string>("code") { Description = "The pairing code the sender got in the chat." };
        var approve = new Command("approve", "Allow the sender behind a pairing code to talk to the agent from now on.") { code };
        approve.SetAction((parse, _) => Task.FromResult(Approve(runtime, parse.GetValue(code)!)));

        return new Command("pairing", "Approve chat senders (Telegram) who asked to talk to the agent.") { list, approve };
    }

    private static int List(CommandRuntime runtime, bool json)
    {
        using var database = ChannelDatabase.Open(runtime.Paths.DatabaseFile);
        var rows = new PairingStore(database, runtime.Context.Time).Pending()
            .Select(r => new PairingRowOutput(r.Code, r.Channel, r.SenderId, r.SenderName, r.ChatId, r.CreatedAt))
            .ToList();
        return runtime.PrintTable(
            json,
            rows,
            ChannelsJsonContext.Default.ListPairingRowOutput,
            rows,
            "no pending pairing requests; an unknown sender gets a code when they message the bot",
            ["code", "channel", "sender", "name", "since"],
            r => [r.Code, r.Channel, r.SenderId, r.SenderName ?? "-", r.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)]);
    }

    private static int Approve(CommandRuntime runtime, string code)
    {
        using var database = ChannelDatabase.Open(runtime.Paths.DatabaseFile);
        var approved = new PairingStore(database, runtime.Context.Time).Approve(code);
        if (approved is null)
        {
            return runtime.Fail(ExitCodes.UsageError, $"no pending pairing request has the code '{code.Trim()}' (codes expire after an hour; the sender gets a new one with their next message); run 'chitin pairing list' to see the pending codes");
        }

        runtime.Context.Out.WriteLine($"approved {approved.Channel} sender {approved.SenderId}{(approved.SenderName is null ? "" : " (@" + approved.SenderName + ")")}; their messages now reach the agent");
        return ExitCodes.Ok;
    }
}
