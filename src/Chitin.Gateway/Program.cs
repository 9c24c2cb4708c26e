return await GatewayProgram.RunAsync(args);
