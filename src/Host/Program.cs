using VideoPipe.Host;

return await CliApplication.RunAsync(args);
