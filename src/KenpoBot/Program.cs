using KenpoBot.Cli;

return await KenpoCli.Build().Parse(args).InvokeAsync();
