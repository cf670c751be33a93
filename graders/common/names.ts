/** The object names and labels the homework fixes (Q4, Q7, Q9, Q12). */
export const POD_NAME = 'pod1';
export const DEPLOYMENT_NAME = 'deployment1';
export const SERVICE_NAME = 'service1';
export const HPA_NAME = 'hpa1';
/** Q7's selector and Q9's Service selector. */
export const APP_LABEL = { key: 'app', value: 'app2' } as const;
/** Q9: the Service's ports and the container ports they must reach. */
export const SERVICE_PORTS = [
  { port: 8080, containerPort: 8080, container: 'fileserver' },
  { port: 3000, containerPort: 3000, container: 'downloader' },
] as const;
/** Q7: replicas of deployment1. */
export const REPLICAS = 3;
/** Q12: the HPA's numbers. */
export const HPA_MIN = 3;
export const HPA_MAX = 6;
export const HPA_CPU_PERCENT = 40;

/** `-n ns` for a kubectl command, or nothing for the default namespace. */
export const nsFlag = (ns: string): string => (ns === 'default' ? '' : ` -n ${ns}`);
