package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/contractctl/contractctl/registry/serve"
)

// registryServeOptions are the inputs of `registry serve`.
type registryServeOptions struct {
	*registryCLI
	// Listen is the address to listen on.
	Listen string
	// Writable lets clients register schemas, set levels and delete,
	// written through to the files.
	Writable bool
	// Quiet turns the request log off.
	Quiet bool
	// ready, when set, is told the address listened on (tests).
	ready func(addr string)
}

func (r *registryCLI) serveCmd() *cobra.Command {
	o := &registryServeOptions{registryCLI: r}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the registry over Confluent Schema Registry's REST API, for Kafka clients and tests",
		Long: "Serve the registry's subjects, versions and global schema IDs (ids.yaml) over Confluent\n" +
			"Schema Registry's REST API (application/vnd.schemaregistry.v1+json) until SIGTERM or Ctrl-C.\n\n" +
			"Read-only by default: registering a schema a subject already holds answers with its ID;\n" +
			"a new schema, a configuration change or a delete is refused with error 42205. With\n" +
			"--writable, requests write through to the files exactly as `registry add` and\n" +
			"`registry config` do (locked, atomic, compatibility-checked), so a test suite's\n" +
			"registrations land as files to commit. GET /health answers when it is up; one log line\n" +
			"per request goes to stderr (--quiet: none).",
		Example: "  contractctl registry serve &\n" +
			"  curl -s localhost:8081/subjects\n" +
			"  contractctl registry serve --writable --listen 127.0.0.1:18081",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return runRegistryServe(ctx, o)
		},
	}
	cmd.Flags().StringVar(&o.Listen, "listen", "127.0.0.1:8081", "address to listen on (host:port; port 0 picks a free one)")
	cmd.Flags().BoolVar(&o.Writable, "writable", false, "let clients register schemas, set levels and delete, written through to the files")
	cmd.Flags().BoolVar(&o.Quiet, "quiet", false, "do not log requests")
	return cmd
}

func runRegistryServe(ctx context.Context, o *registryServeOptions) error {
	store, ws, err := o.open()
	if err != nil {
		return err
	}
	opt := serve.Options{Store: store, Writable: o.Writable}
	if !o.Quiet {
		opt.Log = o.g.stderr
	}
	srv, probs, err := serve.New(opt)
	if err != nil {
		return dispErr(ws, err)
	}
	for _, p := range probs {
		fmt.Fprintf(o.g.stderr, "warning: not served: %s\n", oneLine(dispErr(ws, p.Cause()).Error()))
	}
	ln, err := net.Listen("tcp", o.Listen)
	if err != nil {
		return fmt.Errorf("--listen %s: %w", o.Listen, err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	mode := "read-only"
	if o.Writable {
		mode = "writable"
	}
	fmt.Fprintf(o.g.stderr, "serving %s (%s) on http://%s\n", disp(ws, filepath.ToSlash(store.Root())), mode, ln.Addr())
	if o.ready != nil {
		o.ready(ln.Addr().String())
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	// Graceful: stop accepting, let requests in flight (and their writes)
	// finish.
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(o.g.stderr, "stopped")
	return nil
}
