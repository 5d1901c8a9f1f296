// The live drawing of the lab, re-read whenever `version` changes (after each
// command). Reading is a snapshot through Services (the inspect layer);
// drawing is the pure topologyView + drawTopology.
import { Box, Text, useStdout } from 'ink';
import { useEffect, useState, type ReactNode } from 'react';
import { useServices, type UiLab } from '../services.js';
import { drawTopology, topologyView, type TopologyView } from '../topology.js';
import { theme } from '../theme.js';

export function TopologyPanel({ lab, version }: { lab: UiLab; version: number }): ReactNode {
  const services = useServices();
  const { stdout } = useStdout();
  const [model, setModel] = useState<TopologyView>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    services.snapshot(lab).then(
      (snapshot) => live && (setModel(topologyView(snapshot)), setError(undefined)),
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [lab, version, services]);
  const width = Math.max(40, (stdout?.columns ?? 100) - 2);
  return (
    <Box flexDirection="column">
      <Text color={theme.accent}>topology {model ? '' : '(reading…)'}</Text>
      {error ? <Text color={theme.bad}>could not read the lab: {error}</Text> : null}
      {model ? drawTopology(model, width).map((l, i) => <Text key={i}>{l}</Text>) : null}
    </Box>
  );
}
