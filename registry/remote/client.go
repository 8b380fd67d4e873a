// Package remote talks to a Confluent-compatible schema registry
// (Confluent Schema Registry, Redpanda, Apicurio's ccompat API, Karapace,
// or `contractctl registry serve`) and keeps it and the file-backed
// registry in step: Push publishes the files' versions, Pull imports the
// remote's.
package remote

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// The environment variables that hold credentials: never flags, so they
// stay out of shell history and process listings.
const (
	EnvUser     = "CONTRACTCTL_REGISTRY_USER"
	EnvPassword = "CONTRACTCTL_REGISTRY_PASSWORD"
	EnvToken    = "CONTRACTCTL_REGISTRY_TOKEN"
)

const mediaType = "application/vnd.schemaregistry.v1+json"

// Client is a Confluent Schema Registry REST client.
type Client struct {
	base *url.URL
	http *http.Client
	// authorize sets the request's credentials.
	authorize func(*http.Request)
}

// NewClient returns a client for the registry at rawURL with credentials
// from the environment (getenv: os.Getenv when nil): basic auth from
// CONTRACTCTL_REGISTRY_USER and CONTRACTCTL_REGISTRY_PASSWORD, or a bearer
// token from CONTRACTCTL_REGISTRY_TOKEN. TLS certificates are verified
// (SSL_CERT_FILE or SSL_CERT_DIR add a private CA); plain http is for
// loopback registries.
func NewClient(rawURL string, getenv func(string) string) (*Client, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("--url %q: want http(s)://host[:port][/path]", rawURL)
	}
	if u.User != nil {
		return nil, fmt.Errorf("--url: put credentials in %s and %s, not in the URL", EnvUser, EnvPassword)
	}
	c := &Client{base: u, http: &http.Client{Timeout: 60 * time.Second}, authorize: func(*http.Request) {}}
	user, pass, token := getenv(EnvUser), getenv(EnvPassword), getenv(EnvToken)
	switch {
	case token != "" && user != "":
		return nil, fmt.Errorf("both %s and %s are set: use one", EnvToken, EnvUser)
	case token != "":
		c.authorize = func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+token) }
	case user != "":
		c.authorize = func(r *http.Request) { r.SetBasicAuth(user, pass) }
	case pass != "":
		return nil, fmt.Errorf("%s is set without %s", EnvPassword, EnvUser)
	}
	return c, nil
}

// APIError is an error answer of the registry.
type APIError struct {
	Status int
	Code   int    `json:"error_code"`
	Msg    string `json:"message"`
	// Request names the request that failed.
	Request string
}

func (e *APIError) Error() string {
	return fmt.Sprintf("%s: %d %s (error %d)", e.Request, e.Status, e.Msg, e.Code)
}

// Code is the Confluent error code of err, or 0.
func Code(err error) int {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Code
	}
	return 0
}

// do sends a request and decodes the JSON answer into out.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, body, out any) error {
	full := strings.TrimSuffix(c.base.String(), "/") + path
	if len(query) > 0 {
		full += "?" + query.Encode()
	}
	var rd io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, full, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", mediaType+", application/json")
	if body != nil {
		req.Header.Set("Content-Type", mediaType)
	}
	c.authorize(req)
	name := method + " " + req.URL.Redacted()
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if resp.StatusCode >= 300 {
		ae := &APIError{Status: resp.StatusCode, Request: name}
		if json.Unmarshal(data, ae) != nil || ae.Msg == "" {
			ae.Msg = strings.TrimSpace(string(data))
			if len(ae.Msg) > 200 {
				ae.Msg = ae.Msg[:200] + "…"
			}
		}
		return ae
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("%s: not a schema registry answer: %w", name, err)
	}
	return nil
}

func subjectPath(subject string) string { return "/subjects/" + url.PathEscape(subject) }

// Reference is a schema reference as the API carries it.
type Reference struct {
	Name    string `json:"name"`
	Subject string `json:"subject"`
	Version int    `json:"version"`
}

// Schema is one registered version as the API answers it.
type Schema struct {
	Subject    string      `json:"subject,omitempty"`
	Version    int         `json:"version,omitempty"`
	ID         int         `json:"id,omitempty"`
	SchemaType string      `json:"schemaType,omitempty"`
	References []Reference `json:"references,omitempty"`
	Schema     string      `json:"schema"`
}

// Subjects lists the remote's subjects.
func (c *Client) Subjects(ctx context.Context) ([]string, error) {
	var out []string
	return out, c.do(ctx, "GET", "/subjects", nil, nil, &out)
}

// Versions lists a subject's version numbers; a subject the remote does
// not have has none.
func (c *Client) Versions(ctx context.Context, subject string) ([]int, error) {
	var out []int
	err := c.do(ctx, "GET", subjectPath(subject)+"/versions", nil, nil, &out)
	if Code(err) == 40401 {
		return nil, nil
	}
	return out, err
}

// Version reads one version.
func (c *Client) Version(ctx context.Context, subject string, version int) (Schema, error) {
	var out Schema
	err := c.do(ctx, "GET", subjectPath(subject)+"/versions/"+strconv.Itoa(version), nil, nil, &out)
	return out, err
}

// Register registers a schema under subject and returns its ID.
func (c *Client) Register(ctx context.Context, subject string, s Schema) (int, error) {
	var out struct {
		ID int `json:"id"`
	}
	body := Schema{Schema: s.Schema, SchemaType: s.SchemaType, References: s.References}
	err := c.do(ctx, "POST", subjectPath(subject)+"/versions", nil, body, &out)
	return out.ID, err
}

// Lookup finds the version of subject that holds a schema.
func (c *Client) Lookup(ctx context.Context, subject string, s Schema) (Schema, error) {
	var out Schema
	body := Schema{Schema: s.Schema, SchemaType: s.SchemaType, References: s.References}
	err := c.do(ctx, "POST", subjectPath(subject), nil, body, &out)
	return out, err
}

// Level is a subject's own compatibility level, "" when it has none.
func (c *Client) Level(ctx context.Context, subject string) (string, error) {
	var out struct {
		Level string `json:"compatibilityLevel"`
	}
	err := c.do(ctx, "GET", "/config/"+url.PathEscape(subject), nil, nil, &out)
	if Code(err) == 40408 || Code(err) == 40401 {
		return "", nil
	}
	return out.Level, err
}

// SetLevel sets a subject's compatibility level.
func (c *Client) SetLevel(ctx context.Context, subject, level string) error {
	return c.do(ctx, "PUT", "/config/"+url.PathEscape(subject), nil, map[string]string{"compatibility": level}, nil)
}
