# tfgate as an HCP Terraform / Terraform Enterprise run task server.
#
#   docker build -t tfgate --build-arg VERSION=$(git describe --tags --always) .
#   docker run --rm -p 8080:8080 -e TFGATE_HMAC_KEY=... tfgate
#
# The image holds the static binary alone and runs it as a user without
# privileges. Mount a .tfgate.hcl and policy folders read-only and name
# them with --config and --policy (or TFGATE_CONFIG, TFGATE_POLICY).

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/tfgate ./cmd/tfgate

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/tfgate /usr/local/bin/tfgate
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/tfgate", "serve"]
CMD ["--listen", ":8080", "--log-format", "json"]
