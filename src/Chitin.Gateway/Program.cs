using Chitin.Gateway.Hosting;

return await GatewayProgram.RunAsync(args);
