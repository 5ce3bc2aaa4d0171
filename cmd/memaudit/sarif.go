package main

import (
	"sort"

	"github.com/memaudit/memaudit/audit"
	"github.com/memaudit/memaudit/store"
)

// SARIF 2.1.0, the subset code-scanning dashboards read: one run, the rules
// that fired, and a result per finding located in the entry's text.

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID               string       `json:"id"`
	ShortDescription sarifMessage `json:"shortDescription"`
	Properties       struct {
		Category string `json:"category"`
		Severity string `json:"default-severity"`
	} `json:"properties"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          map[string]any    `json:"properties"`
}

type sarifLocation struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI string `json:"uri"`
		} `json:"artifactLocation"`
		Region struct {
			CharOffset int `json:"charOffset"`
			CharLength int `json:"charLength"`
		} `json:"region"`
	} `json:"physicalLocation"`
}

type sarifReport struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool struct {
		Driver struct {
			Name           string      `json:"name"`
			Version        string      `json:"version"`
			InformationURI string      `json:"informationUri"`
			Rules          []sarifRule `json:"rules"`
		} `json:"driver"`
	} `json:"tool"`
	Results []sarifResult `json:"results"`
}

func sarifLevel(s audit.Severity) string {
	switch s {
	case audit.Critical, audit.High:
		return "error"
	case audit.Medium:
		return "warning"
	}
	return "note"
}

func sarifLog(res *store.ScanResult, sc *audit.Scanner) sarifReport {
	var run sarifRun
	run.Tool.Driver.Name = "memaudit"
	run.Tool.Driver.Version = res.RuleSet
	run.Tool.Driver.InformationURI = "https://github.com/memaudit/memaudit"
	seen := map[string]bool{}
	run.Results = []sarifResult{}
	run.Tool.Driver.Rules = []sarifRule{} // an empty run still has arrays, not nulls (the schema says so)
	for _, f := range res.Findings {
		if !seen[f.Rule] {
			seen[f.Rule] = true
			r, _ := sc.Rule(f.Rule)
			var sr sarifRule
			sr.ID, sr.ShortDescription.Text = f.Rule, r.Description
			sr.Properties.Category, sr.Properties.Severity = string(r.Category), r.Severity.String()
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sr)
		}
		var loc sarifLocation
		loc.PhysicalLocation.ArtifactLocation.URI = "memaudit:entries/" + f.EntryID
		loc.PhysicalLocation.Region.CharOffset = f.Start
		loc.PhysicalLocation.Region.CharLength = f.End - f.Start
		run.Results = append(run.Results, sarifResult{
			RuleID:              f.Rule,
			Level:               sarifLevel(f.Severity),
			Message:             sarifMessage{Text: f.Explanation + ": " + f.Excerpt},
			Locations:           []sarifLocation{loc},
			PartialFingerprints: map[string]string{"memaudit/v1": f.Fingerprint},
			Properties: map[string]any{"severity": f.Severity.String(), "category": f.Category, "segment": f.Segment,
				"source": f.Source, "session": f.Session},
		})
	}
	sort.Slice(run.Tool.Driver.Rules, func(i, j int) bool { return run.Tool.Driver.Rules[i].ID < run.Tool.Driver.Rules[j].ID })
	return sarifReport{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}}
}
