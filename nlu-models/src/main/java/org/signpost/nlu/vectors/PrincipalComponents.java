package org.signpost.nlu.vectors;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Principal component analysis for a few hundred dimensions: the eigenvectors of the covariance
 * matrix by cyclic Jacobi rotations (exact to rounding for a symmetric matrix, and simple). Used
 * to shrink distilled word vectors before they are bundled. It lives here rather than beside the
 * generator (the {@code nlu-vectors} module, built only on demand) so that the suite tests it.
 */
public final class PrincipalComponents {

    private final double[] mean;
    /** The components, strongest first, each of unit length. */
    private final double[][] components;
    private final double[] variances;

    private PrincipalComponents(double[] mean, double[][] components, double[] variances) {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
    }

    /** The {@code count} strongest components of {@code rows} (each of the same length). */
    public static PrincipalComponents fit(float[][] rows, int count) {
        int n = rows[0].length;
        if (count < 1 || count > n) {
            throw new IllegalArgumentException("cannot keep " + count + " components of " + n);
        }
        double[] mean = new double[n];
        for (float[] row : rows) {
            for (int d = 0; d < n; d++) {
                mean[d] += row[d];
            }
        }
        for (int d = 0; d < n; d++) {
            mean[d] /= rows.length;
        }
        double[][] covariance = new double[n][n];
        double[] centred = new double[n];
        for (float[] row : rows) {
            for (int d = 0; d < n; d++) {
                centred[d] = row[d] - mean[d];
            }
            for (int i = 0; i < n; i++) {
                double ci = centred[i];
                double[] line = covariance[i];
                for (int j = i; j < n; j++) {
                    line[j] += ci * centred[j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                covariance[i][j] /= rows.length;
                covariance[j][i] = covariance[i][j];
            }
        }
        double[][] eigenvectors = new double[n][n];
        double[] eigenvalues = jacobi(covariance, eigenvectors);
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> eigenvalues[i]).reversed());
        double[][] components = new double[count][n];
        double[] variances = new double[count];
        for (int k = 0; k < count; k++) {
            for (int d = 0; d < n; d++) {
                components[k][d] = eigenvectors[d][order[k]];
            }
            variances[k] = eigenvalues[order[k]];
        }
        return new PrincipalComponents(mean, components, variances);
    }

    /** The variance along each kept component, strongest first. */
    public double[] variances() {
        return variances.clone();
    }

    /** {@code row} centred and projected on the components. */
    public float[] project(float[] row) {
        float[] projected = new float[components.length];
        for (int k = 0; k < components.length; k++) {
            double sum = 0;
            for (int d = 0; d < row.length; d++) {
                sum += (row[d] - mean[d]) * components[k][d];
            }
            projected[k] = (float) sum;
        }
        return projected;
    }

    /**
     * Diagonalises the symmetric matrix {@code a} in place; returns its eigenvalues and leaves
     * the eigenvectors in the columns of {@code v}.
     */
    private static double[] jacobi(double[][] a, double[][] v) {
        int n = a.length;
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double total = 0;
            for (int p = 0; p < n; p++) {
                for (int q = 0; q < n; q++) {
                    total += a[p][q] * a[p][q];
                    if (p != q) {
                        off += a[p][q] * a[p][q];
                    }
                }
            }
            if (off <= 1e-22 * total) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] != 0) {
                        rotate(a, v, p, q);
                    }
                }
            }
        }
        double[] eigenvalues = new double[n];
        for (int i = 0; i < n; i++) {
            eigenvalues[i] = a[i][i];
        }
        return eigenvalues;
    }

    /** One Jacobi rotation that zeroes {@code a[p][q]}. */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        int n = a.length;
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }
}
