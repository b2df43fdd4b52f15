# The server, built from this checkout; compose.yaml runs it beside PostgreSQL (docker compose up).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Chokepoint.Server -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# Goods reference data (HS nomenclature, control lists) is mounted read-only at /data; lists come from publishers.
ENV Chokepoint__Data=/data \
    ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
USER app
ENTRYPOINT ["dotnet", "Chokepoint.Server.dll"]
