package backup

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
)

// S3 is a Target in an S3-compatible bucket under a prefix.
type S3 struct {
	client *s3.Client
	bucket string
	prefix string // "" or ending in "/"
}

var _ Target = (*S3)(nil)

// NewS3 returns the target for bucket and prefix. Region, endpoint and
// credentials come from the standard AWS configuration: the environment
// (AWS_REGION, AWS_ENDPOINT_URL or AWS_ENDPOINT_URL_S3, AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ...) and the shared files
// (~/.aws/config, ~/.aws/credentials). With an endpoint set (MinIO, Ceph,
// SeaweedFS, R2, B2, ...), buckets are addressed by path.
func NewS3(ctx context.Context, bucket, prefix string) (*S3, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, fmt.Errorf("s3 configuration: %w", err)
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1" // S3-compatible servers mostly ignore it
	}
	client := s3.NewFromConfig(cfg, func(o *s3.Options) {
		if o.BaseEndpoint != nil && *o.BaseEndpoint != "" {
			o.UsePathStyle = true
		}
		// Objects are sealed with AES-GCM: integrity is checked end to
		// end, and servers that do not know the newer checksum headers
		// still take the requests.
		o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
		o.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
	})
	if prefix != "" && !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	return &S3{client: client, bucket: bucket, prefix: prefix}, nil
}

// Put uploads the object in one request.
func (t *S3) Put(ctx context.Context, name string, data []byte) error {
	_, err := t.client.PutObject(ctx, &s3.PutObjectInput{
		Bucket: aws.String(t.bucket), Key: aws.String(t.prefix + name),
		Body: bytes.NewReader(data), ContentLength: aws.Int64(int64(len(data))),
	})
	if err != nil {
		return fmt.Errorf("put %s: %w", name, t.wrap(err))
	}
	return nil
}

// Get downloads the object.
func (t *S3) Get(ctx context.Context, name string) ([]byte, error) {
	out, err := t.client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(t.bucket), Key: aws.String(t.prefix + name)})
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", name, t.wrap(err))
	}
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", name, err)
	}
	return b, nil
}

// List lists the objects under prefix, a page of 1,000 at a time.
func (t *S3) List(ctx context.Context, prefix string) ([]Object, error) {
	var out []Object
	p := s3.NewListObjectsV2Paginator(t.client, &s3.ListObjectsV2Input{Bucket: aws.String(t.bucket), Prefix: aws.String(t.prefix + prefix)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", prefix, t.wrap(err))
		}
		for _, o := range page.Contents {
			o := Object{Name: strings.TrimPrefix(aws.ToString(o.Key), t.prefix), Size: aws.ToInt64(o.Size), Modified: aws.ToTime(o.LastModified)}
			out = append(out, o)
		}
	}
	return out, nil
}

// Delete deletes the object.
func (t *S3) Delete(ctx context.Context, name string) error {
	_, err := t.client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(t.bucket), Key: aws.String(t.prefix + name)})
	if err != nil && !errors.Is(t.wrap(err), ErrNotExist) {
		return fmt.Errorf("delete %s: %w", name, t.wrap(err))
	}
	return nil
}

// Prefixes lists the "directories" right under sub (for a fleet: one
// vault's target each), as targets.
func (t *S3) Prefixes(ctx context.Context) ([]string, error) {
	var out []string
	p := s3.NewListObjectsV2Paginator(t.client, &s3.ListObjectsV2Input{Bucket: aws.String(t.bucket), Prefix: aws.String(t.prefix), Delimiter: aws.String("/")})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", t, t.wrap(err))
		}
		for _, cp := range page.CommonPrefixes {
			out = append(out, strings.TrimSuffix(strings.TrimPrefix(aws.ToString(cp.Prefix), t.prefix), "/"))
		}
	}
	return out, nil
}

// Sub returns the target under name inside this one.
func (t *S3) Sub(name string) *S3 {
	return &S3{client: t.client, bucket: t.bucket, prefix: t.prefix + name + "/"}
}

func (t *S3) String() string {
	return (&url.URL{Scheme: "s3", Host: t.bucket, Path: "/" + strings.TrimSuffix(t.prefix, "/")}).String()
}

// wrap maps "not found" answers to ErrNotExist; the SDK's errors carry
// request ids and codes, never object contents or credentials.
func (t *S3) wrap(err error) error {
	var nk *types.NoSuchKey
	if errors.As(err, &nk) {
		return fmt.Errorf("%w (%v)", ErrNotExist, err)
	}
	var ae smithy.APIError
	if errors.As(err, &ae) && (ae.ErrorCode() == "NotFound" || ae.ErrorCode() == "NoSuchKey") {
		return fmt.Errorf("%w (%v)", ErrNotExist, err)
	}
	return err
}
